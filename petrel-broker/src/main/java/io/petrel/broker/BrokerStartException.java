package io.petrel.broker;

/** The broker could not start: a port in use, an address that does not exist, a bad store. */
public final class BrokerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
