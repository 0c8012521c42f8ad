package org.provablenets.cert;

/** A certificate that the independent checker rejected; the message names the failed condition. */
public final class CertificateRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param verdict the rejecting verdict */
  public CertificateRejectedException(String message) {
    super(message);
  }
}
