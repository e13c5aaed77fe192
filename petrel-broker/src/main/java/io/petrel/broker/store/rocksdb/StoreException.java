package io.petrel.broker.store.rocksdb;

/**
 * The store cannot be used as it is: written by a newer Petrel, damaged, or locked by another
 * process. Start-up stops with this message; nothing in the store is changed or discarded.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
