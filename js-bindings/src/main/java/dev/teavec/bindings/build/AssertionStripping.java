package dev.teavec.bindings.build;

import org.teavm.model.BasicBlock;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.Instruction;
import org.teavm.model.MethodHolder;
import org.teavm.model.instructions.GetFieldInstruction;
import org.teavm.model.instructions.IntegerConstantInstruction;
import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * A compile-time plugin of TeaVM, never part of the Wasm: Java's {@code assert} statements are left out of
 * the shipped modules, as a JVM leaves them off by default. TeaVM's classlib reports assertions enabled, so
 * every internal invariant would otherwise run in users' browsers and ship its message text (2.6 KB gzip of
 * the core bundle when measured). Reads of the javac-generated {@code $assertionsDisabled} flag become the
 * constant true, and TeaVM's optimizer drops the checks. The JVM test suites still run with {@code -ea}.
 */
public final class AssertionStripping implements TeaVMPlugin, ClassHolderTransformer {
    private static final String FLAG = "$assertionsDisabled";

    @Override
    public void install(TeaVMHost host) {
        host.add(this);
    }

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        for (MethodHolder method : cls.getMethods()) {
            if (method.getProgram() == null) {
                continue;
            }
            for (BasicBlock block : method.getProgram().getBasicBlocks()) {
                for (Instruction insn : block) {
                    if (insn instanceof GetFieldInstruction) {
                        GetFieldInstruction read = (GetFieldInstruction) insn;
                        if (read.getInstance() == null && FLAG.equals(read.getField().getFieldName())) {
                            IntegerConstantInstruction disabled = new IntegerConstantInstruction();
                            disabled.setConstant(1);
                            disabled.setReceiver(read.getReceiver());
                            disabled.setLocation(read.getLocation());
                            read.replace(disabled);
                        }
                    }
                }
            }
        }
    }
}
