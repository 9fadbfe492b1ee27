package dev.tagpipe.eval;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation on embedded Flink: its counts equal CoreNLP's own evaluator's, to the token. */
class EvaluateOnFlinkIT {
  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void data() throws IOException {
    EvaluateTest.writeGold(shared);
  }

  @Test
  void countsEqualCoreNlpsOwnEvaluator() throws Exception {
    EvaluateTest.assertCountsEqualCoreNlps("FlinkRunner", dir);
  }
}
