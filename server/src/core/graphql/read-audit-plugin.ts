import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import type { GraphQLContext } from './context.js';

/**
 * Writes the request's read audit events before the response leaves. If they cannot be written the
 * response is replaced by an error: data that was read without being audited is never sent.
 */
export function readAuditPlugin(dataSource: DataSource): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.readAudit.flush(dataSource, contextValue);
          } catch (error) {
            contextValue.logger.error(
              { err: error },
              'could not write the read audit; withholding the response',
            );
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                {
                  message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
                  extensions: { code: 'INTERNAL_SERVER_ERROR' },
                },
              ];
            }
          }
        },
      });
    },
  };
}
