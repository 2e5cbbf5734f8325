import { postgresForTests } from '../support/postgres-test-database.js';
import { describeKycReadModelBehaviour, describeKycReadModelRestart } from './describe-kyc-read-model-behaviour.js';
import { postgresSubject } from './postgres-read-model-subject.js';

const postgres = await postgresForTests('pg read model');

postgres.describe('PostgreSQL read model', () => {
  describeKycReadModelBehaviour(postgresSubject(postgres));
  describeKycReadModelRestart(postgresSubject(postgres));
});
