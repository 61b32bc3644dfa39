import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadTaxonomy } from '../../../taxonomy/load-taxonomy.ts';
import { compileMatcher } from '../../../taxonomy/matcher/compile-matcher.ts';
import { stripMarkup } from '../../../taxonomy/matcher/normalise-text.ts';
import { parseTaxonomy } from '../../../taxonomy/parse-taxonomy.ts';

const { matcher } = loadTaxonomy();
const extract = (text: string): string[] => matcher.extract(text);

test('symbols in names: C++, C#, .NET, Node.js, CI/CD, k8s next to punctuation', () => {
  assert.equal(extract('Experience with C++, C#, .NET, Node.js, CI/CD and k8s (Kubernetes).'), ['c++', 'c#', '.net', 'node.js', 'ci-cd', 'kubernetes']);
  assert.equal(extract('(C++)/[C#]; .NET. Node.js! CI/CD? K8s:'), ['c++', 'c#', '.net', 'node.js', 'ci-cd', 'kubernetes']);
  assert.equal(extract('C#/.NET developer'), ['c#', '.net']);
  assert.equal(extract('We use C/C++ and Objective-C'), ['c', 'c++', 'objective-c']);
});

test('names inside longer words or dotted names do not match', () => {
  assert.equal(extract('javascript, mysql, nosql'), ['javascript', 'mysql', 'nosql']);
  assert.equal(extract('three.js and d3.js'), ['three.js', 'd3']);
  assert.equal(extract('Apply at https://jobs.example.com or see python.org'), []);
  assert.equal(extract('Gopher, Rusty, Sparkling, Excellent, Shellfish'), []);
});

test('words start after separators, symbols and non-word characters only, in any script', () => {
  // Each name glued to a word character on its left (Latin, accented, Cyrillic, digit, underscore) is no match.
  assert.equal(extract('xpython épython дpython 3python _python'), []);
  assert.equal(extract('(python) [kafka] "docker" \u00abterraform\u00bb'), ['python', 'kafka', 'docker', 'terraform']);
  // Word starts inside a name ("CI/CD", "Objective-C"), separator runs inside one, a symbol-led name mid-word.
  assert.equal(extract('Zorg.NET, CI / CD? no: CI/CD, React   Native,\nObjective - C'), ['.net', 'ci-cd', 'react-native', 'objective-c']);
  // A mention's span starts at its first letter however many separators it spans.
  assert.equal(matcher.explain('use  React \t\n Native daily').map((m) => [m.text, m.start]), [['React \t\n Native', 5]]);
});

test('a version number may follow a name', () => {
  assert.equal(extract('HTML5, CSS3, Java8 and Python3.11'), ['html', 'css', 'java', 'python']);
});

test('leftmost-longest: "Apache Kafka" over "Kafka", "Spring Boot" over "Spring", "Node.js" over "Node"', () => {
  assert.equal(matcher.explain('Apache Kafka, Spring Boot, Node.js').map((m) => [m.id, m.text]), [['kafka', 'Apache Kafka'], ['spring', 'Spring Boot'], ['node.js', 'Node.js']]);
});

test('case, width and whitespace do not matter; hyphen and space are alike', () => {
  assert.equal(extract('PYTHON, Ｐｙｔｈｏｎ, postgreSQL, Machine\n  Learning, scikit learn, Scikit-Learn'), ['python', 'postgresql', 'machine-learning', 'scikit-learn']);
});

test('a character NFKC changes late in the text: matches on both sides of it, offsets in the normalised text', () => {
  const text = 'Python and Docker; later ﬁve years of Ｋｕｂｅｒｎｅｔｅｓ and Go, Rust';
  assert.equal(extract(text), ['python', 'docker', 'kubernetes', 'go', 'rust']);
  const mentions = matcher.explain(text);
  const normalised = text.normalize('NFKC');
  assert.equal(mentions.map((m) => [m.id, m.text, normalised.slice(m.start, m.end)]), [
    ['python', 'Python', 'Python'], ['docker', 'Docker', 'Docker'], ['kubernetes', 'Kubernetes', 'Kubernetes'], ['go', 'Go', 'Go'], ['rust', 'Rust', 'Rust'],
  ]);
  // Text NFKC leaves alone is matched as it is, whatever else it holds.
  assert.equal(matcher.explain('Kafka – €80k • München, Kubernetes').map((m) => [m.text, m.start]), [['Kafka', 0], ['Kubernetes', 24]]);
});

test('HTML tags and entities are stripped before matching', () => {
  assert.equal(extract('<ul><li>React.js</li><li>C&#43;&#43;</li><li>R&amp;D</li></ul><p>Vue&nbsp;and&nbsp;Postgres</p>'), ['react', 'c++', 'vue', 'postgresql']);
  assert.is(stripMarkup('<script>var go = 1;</script><b>Go</b> &lt;3'), '  Go  <3');
});

test('extractEach reads each text on its own: ids once each, in order, nothing spans two texts', () => {
  assert.equal(matcher.extractEach(['Python Developer', 'Docker, Python and SQL']), ['python', 'docker', 'sql']);
  assert.equal(extract('Data Scientist, Machine\nLearning platform'), ['machine-learning']);
  assert.equal(matcher.extractEach(['Data Scientist, Machine', 'Learning platform']), []);
  assert.equal(matcher.extractEach([]), []);
  // Ids seen in one call do not leak into the next.
  assert.equal(matcher.extractEach(['Kafka']), ['kafka']);
  assert.equal(matcher.extractEach(['Kafka', 'Kafka']), ['kafka']);
});

test('ids come once each, in order of first appearance', () => {
  assert.equal(extract('SQL, Python, sql, PYTHON, Docker, python3'), ['sql', 'python', 'docker']);
});

test('"go": counts in a list or after a cue, not as the verb', () => {
  assert.equal(extract('We are ready to go to market, go-to person, see how you go.'), []);
  assert.equal(extract('Python, Go and Rust'), ['python', 'go', 'rust']);
  assert.equal(extract('Experience with Go is required'), ['go']);
  assert.equal(extract('Senior Go Engineer'), ['go']);
  assert.equal(extract('Technologies: go'), ['go']);
  assert.equal(extract('A variety of technologies go into this'), []);
});

test('"R" and "C": capital letter and a skill context both needed', () => {
  assert.equal(extract('R&D team, Series C funding, C-level, plan C, r'), []);
  assert.equal(extract('Python, R, SQL'), ['python', 'r', 'sql']);
  assert.equal(extract('python, r, sql'), ['python', 'sql']);
  assert.equal(extract('Knowledge of C is a plus'), ['c']);
});

test('"Swift", "Rust", "Spark", "Express", "Shell": English words unless in a skill context', () => {
  assert.equal(extract('a swift response, rust on the car, a spark of joy, express your ideas, an oil shell'), []);
  assert.equal(extract('Kotlin or Swift; Express and Node.js; Bash/Shell; Spark, Kafka'), ['kotlin', 'swift', 'express', 'node.js', 'bash', 'shell-scripting', 'spark', 'kafka']);
  assert.equal(extract('We use Spark for ETL'), ['spark', 'etl']);
});

test('"Excel", "Less", "AI", "ML", "CI": casing and context', () => {
  assert.equal(extract('You will excel at this; less experienced peers; an AI company; 5 ml; ci'), []);
  assert.equal(extract('Skills: Excel, SQL, LESS, Sass'), ['excel', 'sql', 'less', 'sass']);
  assert.equal(extract('Python, ML and AI'), ['python', 'machine-learning', 'artificial-intelligence']);
  assert.equal(extract('Our CI runs on GitHub Actions'), ['ci-cd', 'github-actions']);
});

test('an area skill named as a job or team does not count; asked for, it does', () => {
  assert.equal(extract('Senior Backend Java Engineer; our DevOps team; UX designers'), ['java']);
  assert.equal(extract('Experience with backend development and DevOps practices'), ['backend-development', 'devops']);
});

test('assumeSkillContext accepts guarded aliases in any casing (labelled spans)', () => {
  assert.equal(matcher.extract('go', { assumeSkillContext: true }), ['go']);
  assert.equal(matcher.extract('r', { assumeSkillContext: true }), ['r']);
  assert.equal(matcher.extract('go'), []);
});

test('a 1 MB description is handled whole (speed is measured in benchmarks/enrichment.ts)', () => {
  const text = 'Python, Go, k8s, C++ and Postgres. The rest of the team will go far. '.repeat(15_000);
  assert.equal(extract(text), ['python', 'go', 'kubernetes', 'c++', 'postgresql']);
});

test('compiles a small taxonomy and carries its version', () => {
  const small = compileMatcher(parseTaxonomy('{"version":"0.1"}\n{"id":"go","name":"Go","category":"language","aliases":["golang"],"guarded":[{"alias":"go","rule":"case","forms":["Go"],"why":"a verb as well"}]}'));
  assert.is(small.version, '0.1');
  assert.equal(small.extract('Go go golang'), ['go']);
  assert.equal(small.explain('Go go golang').map((m) => m.text), ['Go', 'golang']);
});

test.run();
