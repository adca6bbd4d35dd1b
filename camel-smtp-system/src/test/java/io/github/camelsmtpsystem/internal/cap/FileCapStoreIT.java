package io.github.camelsmtpsystem.internal.cap;

import java.nio.file.Path;

import io.github.camelsmtpsystem.cap.HourlyCapStore;
import org.junit.jupiter.api.io.TempDir;

/** The shared budget in a directory: two JVMs on one machine, restarts, SIGKILL. */
class FileCapStoreIT extends SharedBudgetContract {

    @TempDir
    static Path directory;

    @Override
    String capStore() {
        return "file:" + directory;
    }

    @Override
    HourlyCapStore openStore() {
        return new FileCapStore(directory);
    }
}
