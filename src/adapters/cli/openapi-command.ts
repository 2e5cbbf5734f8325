import { Command } from 'commander';
import { openApiDocument } from '../http-service/index.js';

export const openapiCommand = (): Command =>
  new Command('openapi')
    .description('Print the platform API as OpenAPI 3.1 JSON (docs/openapi.json is this output)')
    .addHelpText('after', '\nExit status: 0 printed.')
    .action(() => {
      console.log(JSON.stringify(openApiDocument, null, 2));
    });
