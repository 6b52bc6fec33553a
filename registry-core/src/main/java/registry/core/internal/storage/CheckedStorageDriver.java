package registry.core.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import registry.core.spi.DeferredSync;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;
import registry.core.spi.WalkVisitor;

/**
 * Wraps a driver once so that no driver has to repeat the checks: every path is validated
 * against {@link StoragePath} before the delegate sees it, a missing path stays a
 * {@link NoSuchFileException}, other {@link IOException}s pass through unchanged, and an
 * unexpected {@link RuntimeException} from the delegate (or from its readers and writers)
 * becomes an {@link IOException} whose message starts with {@code "<driver name>: "}.
 *
 * <p>Invalid arguments ({@link IllegalArgumentException} from here) are the caller's bug and are
 * thrown before the delegate is called.
 *
 * <p>The wrapper is a {@link DeferredSync} exactly when its delegate is one: the registry asks by
 * type, so a wrapper that always offered the ability would hide a driver's lack of it, and one
 * that never did would hide the driver's cheaper writes.
 */
public sealed class CheckedStorageDriver implements StorageDriver
    permits CheckedStorageDriver.WithDeferredSync {

  private final StorageDriver delegate;
  private final String name;

  private CheckedStorageDriver(StorageDriver delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    // Asked once: the name goes into every failure message, and asking may itself fail.
    this.name = String.valueOf(delegate.name());
  }

  /**
   * Returns {@code driver} when it is already checked, else wraps it.
   *
   * @throws NullPointerException when the driver is null
   */
  public static StorageDriver wrap(StorageDriver driver) {
    if (driver instanceof CheckedStorageDriver) {
      return driver;
    }
    return driver instanceof DeferredSync ? new WithDeferredSync(driver) : new CheckedStorageDriver(driver);
  }

  /** The wrapped driver. */
  public StorageDriver delegate() {
    return delegate;
  }

  /** The delegate's name. */
  @Override
  public String name() {
    return name;
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    StoragePath.requireValid(path);
    return call("getContent " + path, () -> delegate.getContent(path));
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    put(path, content, () -> {
      delegate.putContent(path, content);
      return null;
    });
  }

  final void put(String path, byte[] content, Call<Void> write) throws IOException {
    StoragePath.requireValid(path);
    Objects.requireNonNull(content, "content");
    call("putContent " + path, write);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    StoragePath.requireValid(path);
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset + " for " + path);
    }
    InputStream in = call("reader " + path, () -> delegate.reader(path, offset));
    return new CheckedStorageReader(in, name, path);
  }

  @Override
  public StorageWriter writer(String path, boolean append) throws IOException {
    StoragePath.requireValid(path);
    StorageWriter w = call("writer " + path, () -> delegate.writer(path, append));
    return new CheckedStorageWriter(w, name, path);
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    StoragePath.requireValidOrRoot(path);
    return call("stat " + path, () -> delegate.stat(path));
  }

  @Override
  public List<String> list(String path) throws IOException {
    StoragePath.requireValidOrRoot(path);
    return call("list " + path, () -> delegate.list(path));
  }

  @Override
  public void move(String source, String destination) throws IOException {
    move(source, destination, () -> {
      delegate.move(source, destination);
      return null;
    });
  }

  final void move(String source, String destination, Call<Void> move) throws IOException {
    StoragePath.requireValid(source);
    StoragePath.requireValid(destination);
    call("move " + source + " to " + destination, move);
  }

  @Override
  public void delete(String path) throws IOException {
    StoragePath.requireValid(path);
    call("delete " + path, () -> {
      delegate.delete(path);
      return null;
    });
  }

  @Override
  public void walk(String path, WalkVisitor visitor) throws IOException {
    StoragePath.requireValidOrRoot(path);
    Objects.requireNonNull(visitor, "visitor");
    // The visitor's own runtime failures are the caller's, not the driver's: tunnel them past
    // the translation below and rethrow them as they were.
    WalkVisitor guarded = entry -> {
      try {
        return visitor.visit(entry);
      } catch (RuntimeException e) {
        throw new VisitorFailure(e);
      }
    };
    try {
      call("walk " + path, () -> {
        delegate.walk(path, guarded);
        return null;
      });
    } catch (VisitorFailure e) {
      throw (RuntimeException) e.getCause();
    }
  }

  @Override
  public Optional<URI> redirectUrl(String method, String path) throws IOException {
    StoragePath.requireValid(path);
    Objects.requireNonNull(method, "method");
    Optional<URI> url = call("redirectUrl " + path, () -> delegate.redirectUrl(method, path));
    return url == null ? Optional.empty() : url;
  }

  @Override
  public void close() throws IOException {
    call("close", () -> {
      delegate.close();
      return null;
    });
  }

  @Override
  public String toString() {
    return "checked " + name + " driver";
  }

  final <T> T call(String operation, Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (VisitorFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw DriverFailures.translate(name, operation, e);
    }
  }

  /** The checked wrapper of a driver that is a {@link DeferredSync}. */
  static final class WithDeferredSync extends CheckedStorageDriver implements DeferredSync {

    private final DeferredSync deferred;

    private WithDeferredSync(StorageDriver delegate) {
      super(delegate);
      this.deferred = (DeferredSync) delegate;
    }

    @Override
    public void putContentWithoutSync(String path, byte[] content) throws IOException {
      put(path, content, () -> {
        deferred.putContentWithoutSync(path, content);
        return null;
      });
    }

    @Override
    public void moveWithoutSync(String source, String destination) throws IOException {
      move(source, destination, () -> {
        deferred.moveWithoutSync(source, destination);
        return null;
      });
    }

    @Override
    public void sync(List<String> written, List<String> moved) throws IOException {
      List<String> w = List.copyOf(written);
      List<String> m = List.copyOf(moved);
      w.forEach(StoragePath::requireValid);
      m.forEach(StoragePath::requireValid);
      call("sync " + w + " " + m, () -> {
        deferred.sync(w, m);
        return null;
      });
    }
  }

  /** One delegate call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException;
  }

  /** Carries a visitor's runtime failure through the delegate's walk. */
  private static final class VisitorFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VisitorFailure(RuntimeException cause) {
      super(cause);
    }
  }
}
