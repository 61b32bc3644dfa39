/**
 * The contract with the generator: every canonical id it emits exists in the taxonomy, and every
 * surface form it writes is recognised as that id in the contexts postings put skills in — a list
 * and after "experience with". ("TS" is promised in lists only.)
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadTaxonomy } from '../../../taxonomy/load-taxonomy.ts';

const FORMS: Record<string, string[]> = {
  python: ['Python', 'python3'], javascript: ['JavaScript', 'JS'], typescript: ['TypeScript', 'TS'], java: ['Java'],
  go: ['Go', 'Golang', 'GoLang'], rust: ['Rust'], 'c++': ['C++', 'cpp'], 'c#': ['C#', 'csharp'], '.net': ['.NET', 'dotnet'],
  'node.js': ['Node.js', 'NodeJS', 'nodejs', 'Node'], react: ['React', 'ReactJS', 'React.js'], angular: ['Angular'],
  vue: ['Vue', 'Vue.js'], kubernetes: ['Kubernetes', 'k8s', 'K8s'], docker: ['Docker'], terraform: ['Terraform'],
  aws: ['AWS', 'Amazon Web Services'], gcp: ['GCP', 'Google Cloud'], azure: ['Azure', 'Microsoft Azure'],
  postgresql: ['PostgreSQL', 'Postgres', 'postgres'], mysql: ['MySQL'], mongodb: ['MongoDB', 'Mongo'], redis: ['Redis'],
  kafka: ['Kafka', 'Apache Kafka'], spark: ['Spark', 'Apache Spark', 'PySpark'], airflow: ['Airflow'], sql: ['SQL'],
  'machine-learning': ['machine learning', 'ML'], 'deep-learning': ['deep learning'], pytorch: ['PyTorch'],
  tensorflow: ['TensorFlow'], 'scikit-learn': ['scikit-learn', 'sklearn'], pandas: ['pandas'], 'ci-cd': ['CI/CD'],
  git: ['Git'], linux: ['Linux'], graphql: ['GraphQL'], 'rest-api': ['REST', 'RESTful APIs'], microservices: ['microservices'],
  django: ['Django'], flask: ['Flask'], spring: ['Spring', 'Spring Boot'], ruby: ['Ruby'], 'ruby-on-rails': ['Rails', 'Ruby on Rails'],
  php: ['PHP'], swift: ['Swift'], kotlin: ['Kotlin'], scala: ['Scala'], r: ['R'], snowflake: ['Snowflake'], dbt: ['dbt'],
  tableau: ['Tableau'], 'power-bi': ['Power BI'], excel: ['Excel'], figma: ['Figma'], jira: ['Jira'], selenium: ['Selenium'],
  cypress: ['Cypress'], elasticsearch: ['Elasticsearch'], flink: ['Flink', 'Apache Flink'], llm: ['LLM', 'LLMs', 'large language models'],
};

const { matcher } = loadTaxonomy();

test('every id the generator emits is a taxonomy id', () => {
  const ids = new Set(matcher.skillIds);
  assert.equal(Object.keys(FORMS).filter((id) => !ids.has(id)), []);
});

for (const [id, forms] of Object.entries(FORMS)) {
  for (const form of forms) {
    test(`"${form}" → ${id} in a list and after "experience with"`, () => {
      assert.equal(matcher.extract(`Tech stack: Docker, ${form}, Kafka`).includes(id), true, 'in a list');
      assert.equal(matcher.extract(`Must have: ${form}, Docker`).includes(id), true, 'first in a list');
      if (form !== 'TS') assert.equal(matcher.extract(`Solid experience with ${form} is required.`), [id], 'after a cue');
    });
  }
}

test('a generated-style sentence gives each id once, in order of first appearance', () => {
  const text = 'Senior Backend Engineer (Golang) — you will build services in Go on k8s with Postgres; Kubernetes, Golang and PostgreSQL daily.';
  assert.equal(matcher.extract(text), ['go', 'kubernetes', 'postgresql']);
});

test.run();
