import { serve } from './app/bootstrap.js';
import { ConfigError, loadConfig } from './core/config.js';
import { createLogger } from './core/logger.js';

try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  await serve(config, logger, { demo: false }).catch((error: unknown) => {
    logger.fatal({ err: error }, error instanceof Error ? error.message : 'Vangnet could not start');
    process.exit(1);
  });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
