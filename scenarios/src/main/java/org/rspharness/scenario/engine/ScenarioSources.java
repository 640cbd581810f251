package org.rspharness.scenario.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.ScenarioLoader;

/**
 * Where scenarios come from: files, directories (every {@code *.yaml}/{@code *.yml} below, in name
 * order), and the library bundled in the jar ({@code org/rspharness/library}). Every file is loaded
 * before anything runs, so a typo stops the run before it starts.
 */
public final class ScenarioSources {

  /** The bundled library's resource folder. */
  public static final String LIBRARY = "org/rspharness/library";

  /** The bundled smoke suite's list of library files, one per line. */
  public static final String SMOKE_LIST = LIBRARY + "/smoke.txt";

  private ScenarioSources() {}

  /** Loads the scenarios of every path (file or directory), in order. */
  public static List<Scenario> load(List<Path> paths) throws IOException {
    List<Scenario> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        for (Path f : yamlFiles(p)) {
          out.add(ScenarioLoader.load(f));
        }
      } else if (Files.isRegularFile(p)) {
        out.add(ScenarioLoader.load(p));
      } else {
        throw new NoSuchFileException(p + " (no such scenario file or directory)");
      }
    }
    return out;
  }

  /** The YAML files below {@code dir}, sorted by path. */
  public static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  /** The bundled smoke suite: the library files named in {@value #SMOKE_LIST}. */
  public static List<Scenario> smoke() throws IOException {
    List<Scenario> out = new ArrayList<>();
    for (String line : resource(SMOKE_LIST).split("\\R")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        out.add(ScenarioLoader.parse(resource(LIBRARY + "/" + name), name, Path.of(".")));
      }
    }
    return out;
  }

  /** Every scenario of the bundled library, in name order. */
  public static List<Scenario> library() throws IOException {
    URL url = ScenarioSources.class.getClassLoader().getResource(SMOKE_LIST);
    if (url == null) {
      throw new NoSuchFileException(SMOKE_LIST + " (the bundled library is missing from the jar)");
    }
    try {
      if (url.getProtocol().equals("jar")) {
        try (FileSystem fs = FileSystems.newFileSystem(url.toURI(), Map.of())) {
          return parseAll(fs.getPath("/" + LIBRARY));
        }
      }
      return parseAll(Path.of(url.toURI()).getParent());
    } catch (URISyntaxException e) {
      throw new IOException("cannot list the bundled library at " + url, e);
    }
  }

  private static List<Scenario> parseAll(Path dir) throws IOException {
    List<Scenario> out = new ArrayList<>();
    for (Path f : yamlFiles(dir)) {
      String name = f.getFileName().toString();
      out.add(ScenarioLoader.parse(Files.readString(f), name, Path.of(".")));
    }
    return out;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ScenarioSources.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new NoSuchFileException(name + " (not in the jar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
