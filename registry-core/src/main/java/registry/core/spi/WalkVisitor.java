package registry.core.spi;

import java.io.IOException;

/** Receives each entry of a {@link StorageDriver#walk}. */
@FunctionalInterface
public interface WalkVisitor {

  /** What the walk does after an entry. */
  enum Decision {
    /** Go on, into the entry when it is a directory. */
    CONTINUE,
    /** Go on, but not into this directory. */
    SKIP_SUBTREE,
    /** End the walk. */
    STOP
  }

  /** Called once per entry. */
  Decision visit(FileInfo entry) throws IOException;
}
