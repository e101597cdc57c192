package dev.teavec.bindings.build;

import org.teavm.model.BasicBlock;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.MethodHolder;
import org.teavm.model.Program;
import org.teavm.model.Variable;
import org.teavm.model.instructions.ExitInstruction;
import org.teavm.model.instructions.NullConstantInstruction;
import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * A compile-time plugin of TeaVM, never part of the Wasm: with the compile property
 * {@code teavec.encodings=core} (the teavec.wasm execution in js-bindings/pom.xml) the body of
 * {@code ExtendedEncodings.list()} becomes {@code return null}, before TeaVM decides what is reachable, so
 * float16, sq4, binary and pq leave no code in the core engine; nor do {@code LocalityReorder.available()}, the node
 * reorder for locality, {@code RegionBatchOrder.available()}, a batch's order for locality, and
 * {@code SettledBeamStop.available()}, a construction beam's early stop. Every other compile
 * (teavec-quantization.wasm, the Wasm GC JUnit runs) keeps them.
 */
public final class EncodingSelection implements TeaVMPlugin, ClassHolderTransformer {
    static final String PROPERTY = "teavec.encodings";
    /** Class name, then the static method whose body becomes {@code return null}. */
    private static final String[][] TARGETS = {
        {"dev.teavec.core.encoding.ExtendedEncodings", "list"},
        // The node reorder for locality (compaction without tombstones) is left to the engine with every encoding.
        {"dev.teavec.core.index.LocalityReorder", "available"},
        // So is storing a batch region by region (cache locality while building).
        {"dev.teavec.core.index.RegionBatchOrder", "available"},
        // And a construction beam that stops once settled (a faster build).
        {"dev.teavec.core.graph.SettledBeamStop", "available"},
    };

    @Override
    public void install(TeaVMHost host) {
        if ("core".equals(host.getProperties().getProperty(PROPERTY))) {
            host.add(this);
        }
    }

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        for (String[] target : TARGETS) {
            if (!cls.getName().equals(target[0])) {
                continue;
            }
            for (MethodHolder method : cls.getMethods()) {
                if (method.getName().equals(target[1]) && method.getProgram() != null) {
                    method.setProgram(returningNull());
                }
            }
        }
    }

    private static Program returningNull() {
        Program program = new Program();
        program.createVariable(); // variable 0 stands for `this`, even in a static method
        Variable result = program.createVariable();
        BasicBlock block = program.createBasicBlock();
        NullConstantInstruction constant = new NullConstantInstruction();
        constant.setReceiver(result);
        block.add(constant);
        ExitInstruction exit = new ExitInstruction();
        exit.setValueToReturn(result);
        block.add(exit);
        return program;
    }
}
