package registry.core.faults;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import registry.core.spi.DeferredSync;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;

/**
 * A driver with {@link DeferredSync} that keeps account of what a power cut could take: the
 * paths whose content or name the registry has not yet asked to be made durable, and the moves
 * of content that was not durable itself. No real storage loses power on demand, so the fault
 * tests count instead.
 */
final class DurabilityTrackingDriver implements StorageDriver, DeferredSync {

  private final StorageDriver delegate;
  private final Set<String> notDurable = new TreeSet<>();
  private final List<String> violations = new ArrayList<>();
  private volatile boolean failNextSync;

  DurabilityTrackingDriver(StorageDriver delegate) {
    this.delegate = delegate;
  }

  /** Paths a power cut now could lose or leave empty. */
  synchronized Set<String> notDurable() {
    return new TreeSet<>(notDurable);
  }

  /** Moves of content that was not durable when it was moved. */
  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** The next {@link #sync} fails before anything is made durable, as a crash there would. */
  void failNextSync() {
    failNextSync = true;
  }

  @Override
  public String name() {
    return "tracking";
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    return delegate.getContent(path);
  }

  @Override
  public synchronized void putContent(String path, byte[] content) throws IOException {
    delegate.putContent(path, content);
    notDurable.remove(path);
  }

  @Override
  public synchronized void putContentWithoutSync(String path, byte[] content) throws IOException {
    delegate.putContent(path, content);
    notDurable.add(path);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return delegate.reader(path, offset);
  }

  @Override
  public StorageWriter writer(String path, boolean append) throws IOException {
    StorageWriter w = delegate.writer(path, append);
    return new StorageWriter() {
      private boolean finished;

      @Override
      public long size() {
        return w.size();
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        w.write(b, off, len);
      }

      @Override
      public void commit() throws IOException {
        w.commit();
        finished = true;
        track(path, false);
      }

      @Override
      public void cancel() throws IOException {
        w.cancel();
        finished = true;
        track(path, false);
      }

      @Override
      public void close() throws IOException {
        w.close();
        if (!finished) {
          finished = true;
          track(path, true); // closed bytes survive the process, not the machine
        }
      }
    };
  }

  private synchronized void track(String path, boolean lost) {
    if (lost) {
      notDurable.add(path);
    } else {
      notDurable.remove(path);
    }
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    return delegate.stat(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    return delegate.list(path);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    move(source, destination, true);
  }

  @Override
  public void moveWithoutSync(String source, String destination) throws IOException {
    move(source, destination, false);
  }

  private synchronized void move(String source, String destination, boolean durable) throws IOException {
    if (notDurable.contains(source)) {
      violations.add("moved " + source + " before its content was durable");
    }
    delegate.move(source, destination);
    notDurable.remove(source);
    track(destination, !durable);
  }

  @Override
  public synchronized void sync(List<String> written, List<String> moved) throws IOException {
    if (failNextSync) {
      failNextSync = false;
      throw new IOException("injected fault in sync");
    }
    notDurable.removeAll(written);
    notDurable.removeAll(moved);
  }

  @Override
  public synchronized void delete(String path) throws IOException {
    delegate.delete(path);
    notDurable.removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
  }
}
