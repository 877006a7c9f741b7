import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders. Each loader batches the keys of one request into one SQL query that
 * carries the request's own access predicate; nothing is cached beyond the request.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<V>(name: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(name) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch, { maxBatchSize: 500 });
      this.loaders.set(name, loader);
    }
    return loader;
  }
}
