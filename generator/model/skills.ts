/**
 * The skill vocabulary the generator writes, agreed with the taxonomy: canonical id → the surface
 * forms a posting may use. Only these forms ever appear in titles and descriptions, so every
 * mention the generator makes is one the taxonomy recognises (and the generator can report the
 * exact skills of each posting as ground truth).
 *
 * `ambiguous` forms are also ordinary words or letters ("Go", "R", "Swift", "ML"); real ads only
 * use them next to other skills or after "experience with", and so does the generator.
 */
export interface Skill {
  id: string;
  forms: readonly string[];
  /** Forms that must stay in a skill context (a list, or "experience with …"). */
  ambiguous?: readonly string[];
  /** Forms fit for a job title (never ambiguous ones); absent when the skill is not title material. */
  titleForms?: readonly string[];
}

export const SKILLS: readonly Skill[] = [
  { id: 'python', forms: ['Python', 'python3'], titleForms: ['Python'] },
  { id: 'javascript', forms: ['JavaScript', 'JS'], titleForms: ['JavaScript'] },
  { id: 'typescript', forms: ['TypeScript'], titleForms: ['TypeScript'] },
  { id: 'java', forms: ['Java'], titleForms: ['Java'] },
  { id: 'go', forms: ['Go', 'Golang', 'GoLang'], ambiguous: ['Go'], titleForms: ['Golang'] },
  { id: 'rust', forms: ['Rust'], ambiguous: ['Rust'] },
  { id: 'c++', forms: ['C++', 'cpp'], titleForms: ['C++'] },
  { id: 'c#', forms: ['C#', 'csharp'], titleForms: ['C#'] },
  { id: '.net', forms: ['.NET', 'dotnet'], titleForms: ['.NET'] },
  { id: 'node.js', forms: ['Node.js', 'NodeJS', 'nodejs'], titleForms: ['Node.js', 'NodeJS'] },
  { id: 'react', forms: ['React', 'ReactJS', 'React.js'], titleForms: ['React', 'ReactJS'] },
  { id: 'angular', forms: ['Angular'], titleForms: ['Angular'] },
  { id: 'vue', forms: ['Vue', 'Vue.js'], titleForms: ['Vue.js'] },
  { id: 'kubernetes', forms: ['Kubernetes', 'k8s', 'K8s'], titleForms: ['Kubernetes'] },
  { id: 'docker', forms: ['Docker'] },
  { id: 'terraform', forms: ['Terraform'] },
  { id: 'aws', forms: ['AWS', 'Amazon Web Services'], titleForms: ['AWS'] },
  { id: 'gcp', forms: ['GCP', 'Google Cloud'], titleForms: ['GCP'] },
  { id: 'azure', forms: ['Azure', 'Microsoft Azure'], titleForms: ['Azure'] },
  { id: 'postgresql', forms: ['PostgreSQL', 'Postgres', 'postgres'], titleForms: ['PostgreSQL'] },
  { id: 'mysql', forms: ['MySQL'] },
  { id: 'mongodb', forms: ['MongoDB', 'Mongo'] },
  { id: 'redis', forms: ['Redis'] },
  { id: 'kafka', forms: ['Kafka', 'Apache Kafka'] },
  { id: 'spark', forms: ['Spark', 'Apache Spark', 'PySpark'], ambiguous: ['Spark'], titleForms: ['Apache Spark'] },
  { id: 'airflow', forms: ['Airflow'] },
  { id: 'sql', forms: ['SQL'], titleForms: ['SQL'] },
  { id: 'machine-learning', forms: ['machine learning', 'ML'], ambiguous: ['ML'] },
  { id: 'deep-learning', forms: ['deep learning'] },
  { id: 'pytorch', forms: ['PyTorch'] },
  { id: 'tensorflow', forms: ['TensorFlow'] },
  { id: 'scikit-learn', forms: ['scikit-learn', 'sklearn'] },
  { id: 'pandas', forms: ['pandas'] },
  { id: 'ci-cd', forms: ['CI/CD'] },
  { id: 'git', forms: ['Git'] },
  { id: 'linux', forms: ['Linux'] },
  { id: 'graphql', forms: ['GraphQL'] },
  { id: 'rest-api', forms: ['REST', 'RESTful APIs'] },
  { id: 'microservices', forms: ['microservices'] },
  { id: 'django', forms: ['Django'], titleForms: ['Django'] },
  { id: 'flask', forms: ['Flask'] },
  { id: 'spring', forms: ['Spring', 'Spring Boot'], titleForms: ['Spring Boot'] },
  { id: 'ruby', forms: ['Ruby'], titleForms: ['Ruby'] },
  { id: 'ruby-on-rails', forms: ['Rails', 'Ruby on Rails'], titleForms: ['Ruby on Rails'] },
  { id: 'php', forms: ['PHP'], titleForms: ['PHP'] },
  { id: 'swift', forms: ['Swift'], ambiguous: ['Swift'] },
  { id: 'kotlin', forms: ['Kotlin'], titleForms: ['Kotlin'] },
  { id: 'scala', forms: ['Scala'], titleForms: ['Scala'] },
  { id: 'r', forms: ['R'], ambiguous: ['R'] },
  { id: 'snowflake', forms: ['Snowflake'] },
  { id: 'dbt', forms: ['dbt'] },
  { id: 'tableau', forms: ['Tableau'] },
  { id: 'power-bi', forms: ['Power BI'], titleForms: ['Power BI'] },
  { id: 'excel', forms: ['Excel'], ambiguous: ['Excel'] },
  { id: 'figma', forms: ['Figma'] },
  { id: 'jira', forms: ['Jira'] },
  { id: 'selenium', forms: ['Selenium'] },
  { id: 'cypress', forms: ['Cypress'] },
  { id: 'elasticsearch', forms: ['Elasticsearch'] },
  { id: 'flink', forms: ['Flink', 'Apache Flink'] },
  { id: 'llm', forms: ['LLM', 'LLMs', 'large language models'], titleForms: ['LLM'] },
];

export const SKILLS_BY_ID: ReadonlyMap<string, Skill> = new Map(SKILLS.map((skill) => [skill.id, skill]));
