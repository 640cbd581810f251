package org.rspharness.core.transport.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Turns one request into one response. Implementations are the transport-free services; they answer
 * every protocol error themselves (SGP.22 status codes in the body), so an exception out of here is
 * a bug, which the server reports as a bare 500 without internals.
 *
 * <p>A handler whose answer must wait for something outside the CPU (a durable commit) implements
 * {@link #handleAsync}: the server writes the answer when it completes and its event loop serves
 * other connections meanwhile. {@link #handle} stays the blocking form for in-process callers.
 */
@FunctionalInterface
public interface RspHttpHandler {

  RspHttpResponse handle(RspHttpRequest request);

  /** The answer, possibly completed later; by default {@link #handle}'s, now. */
  default CompletionStage<RspHttpResponse> handleAsync(RspHttpRequest request) {
    return CompletableFuture.completedFuture(handle(request));
  }

  /**
   * A handler whose answer is {@code async}'s; its {@link #handle} waits for it (an exception the
   * answer completed with is rethrown as it was).
   */
  static RspHttpHandler async(Function<RspHttpRequest, CompletionStage<RspHttpResponse>> async) {
    return new RspHttpHandler() {
      @Override
      public RspHttpResponse handle(RspHttpRequest request) {
        return await(async.apply(request));
      }

      @Override
      public CompletionStage<RspHttpResponse> handleAsync(RspHttpRequest request) {
        return async.apply(request);
      }
    };
  }

  /** Waits for {@code answer}; its failure rethrown unwrapped when it is a RuntimeException. */
  static RspHttpResponse await(CompletionStage<RspHttpResponse> answer) {
    try {
      return answer.toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Told of every exchange once its answer is complete. */
  @FunctionalInterface
  interface Observer {
    /**
     * @param response the answer, null when the handler failed
     * @param failure what the handler threw, null when it answered
     * @param nanos from the request to the complete answer
     */
    void served(RspHttpRequest request, RspHttpResponse response, Throwable failure, long nanos);
  }

  /**
   * {@code handler} with {@code observer} told of every exchange, for answers given now and later
   * alike (request logs, metrics): one wrapper, so no observer waits on or blocks an answer.
   */
  static RspHttpHandler observed(RspHttpHandler handler, Observer observer) {
    return new RspHttpHandler() {
      @Override
      public RspHttpResponse handle(RspHttpRequest request) {
        long start = System.nanoTime();
        RspHttpResponse response;
        try {
          response = handler.handle(request);
        } catch (RuntimeException e) {
          observer.served(request, null, e, System.nanoTime() - start);
          throw e;
        }
        observer.served(request, response, null, System.nanoTime() - start);
        return response;
      }

      @Override
      public CompletionStage<RspHttpResponse> handleAsync(RspHttpRequest request) {
        long start = System.nanoTime();
        CompletionStage<RspHttpResponse> answer;
        try {
          answer = handler.handleAsync(request);
        } catch (RuntimeException e) {
          observer.served(request, null, e, System.nanoTime() - start);
          throw e;
        }
        return answer.whenComplete(
            (response, failure) ->
                observer.served(
                    request,
                    failure == null ? response : null,
                    failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause()
                        : failure,
                    System.nanoTime() - start));
      }
    };
  }
}
