package dev.tagpipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Use tagpipe in your own pipeline" example, taken from README.md as it is, compiled and
 * run on the DirectRunner: every sentence CoreNLP's pipeline finds in each line is written as
 * word/TAG with the tags of single-thread MaxentTagger. So the docs cannot drift.
 */
class ReadmeExampleIT {
  @TempDir Path dir;

  @Test
  void theReadmeExampleCompilesRunsAndTagsEverySentence() throws Exception {
    String readme = Files.readString(TestData.PROJECT.resolve("README.md"));
    int section = readme.indexOf("## Use tagpipe in your own pipeline");
    assertTrue(section >= 0, "README has the section");
    Matcher java =
        Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(section));
    assertTrue(java.find(), "the section has a java block");
    String code = java.group(1);
    Matcher name = Pattern.compile("public class (\\w+)").matcher(code);
    assertTrue(name.find() && code.startsWith("package example;"), code);
    Path source = dir.resolve("src/example/" + name.group(1) + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, code);

    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            source.toString());
    assertEquals(0, compiled, "README's example compiles");

    // Real paragraphs, one per line: EWT dev's original text.
    List<String> texts = new ArrayList<>();
    for (String paragraph : TestData.ewtParagraphs().split("\n\n")) {
      texts.add(paragraph.replace('\n', ' ').strip());
      if (texts.size() == 60) {
        break;
      }
    }
    Path input = Files.write(dir.resolve("paragraphs.txt"), texts);
    Path output = dir.resolve("out/tagged");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("example." + name.group(1)).getMethod("main", String[].class);
      // Beam finds the example's DoFns through the thread's context class loader.
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        main.invoke(null, (Object) new String[] {"--inputFile=" + input, "--output=" + output});
      } finally {
        Thread.currentThread().setContextClassLoader(context);
      }
    }

    List<String> expected = new ArrayList<>();
    Properties props = new Properties();
    props.setProperty("annotators", "tokenize,ssplit");
    props.setProperty("ssplit.newlineIsSentenceBreak", "two");
    StanfordCoreNLP corenlp = new StanfordCoreNLP(props);
    for (String text : texts) {
      CoreDocument doc = new CoreDocument(text);
      corenlp.annotate(doc);
      doc.sentences()
          .forEach(
              s -> {
                List<String> words = s.tokens().stream().map(CoreLabel::word).toList();
                List<String> tags = TestData.referenceTags(words);
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < words.size(); i++) {
                  line.append(i == 0 ? "" : " ")
                      .append(words.get(i))
                      .append('/')
                      .append(tags.get(i));
                }
                expected.add(line.toString());
              });
    }
    List<String> written = TestData.readShards(output.getParent(), "tagged", "");
    assertTrue(expected.size() > 100, "many sentences: " + expected.size());
    assertEquals(expected.stream().sorted().toList(), written.stream().sorted().toList());
  }
}
