import { describeKycReadModelBehaviour, describeKycReadModelRestart } from './describe-kyc-read-model-behaviour.js';
import { sqliteFile, sqliteInMemory } from './sqlite-read-model-subjects.js';

describeKycReadModelBehaviour(sqliteInMemory);
describeKycReadModelBehaviour(sqliteFile);
describeKycReadModelRestart(sqliteFile);
