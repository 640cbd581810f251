// Build-time wrapper around asn1bean-compiler, run by exec:exec in the generate-sources phase as a
// JDK single-file program (java RunAsn1bean.java ...). It is not part of the product jar.
//
// Why it exists: asn1bean-compiler 1.14.0 reports ASN.1 syntax errors on stderr ("line 6:57:
// unexpected token: CONTAINING"), silently drops the rest of the module and still exits 0, so a
// plain exec:java run would let a broken module through as a build with missing classes. This
// wrapper runs the compiler in-process, captures what it prints, and fails (exit 1) when
//   - anything at all was printed on stderr (every antlr parse error goes there), or
//   - stdout mentions an error, or
//   - not every input file produced a "Generating classes for module" line.
// It also empties the output directory first, so a type removed from a module cannot survive as a
// stale generated class.
//
// Usage: java -cp <compiler classpath> RunAsn1bean.java -f <files> -o <outDir>
//        --package=<base package> <other compiler args...>
// (-o is both read here and passed on to the compiler.)

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

public class RunAsn1bean {

  public static void main(String[] rawArgs) throws Exception {
    String[] args = expandPackageOption(rawArgs);
    List<String> argList = List.of(args);
    int o = argList.indexOf("-o");
    if (o < 0 || o + 1 >= args.length) {
      fail("RunAsn1bean needs -o <outDir>");
    }
    deleteRecursively(Path.of(args[o + 1]));
    long inputFiles = countInputFiles(argList);

    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Throwable thrown = null;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      Class.forName("com.beanit.asn1bean.compiler.Compiler")
          .getMethod("main", String[].class)
          .invoke(null, (Object) args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      thrown = e.getCause();
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
    }
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    realOut.print(stdout);
    realErr.print(stderr);

    if (thrown != null) {
      thrown.printStackTrace(realErr);
      fail("asn1bean-compiler threw " + thrown);
    }
    if (!stderr.isBlank()) {
      fail("asn1bean-compiler printed errors (it exits 0 and drops the rest of the module)");
    }
    if (stdout.toLowerCase().contains("error")) {
      fail("asn1bean-compiler reported an error on stdout");
    }
    long modules =
        stdout.lines().filter(l -> l.startsWith("Generating classes for module")).count();
    if (modules != inputFiles) {
      fail("expected classes for " + inputFiles + " modules, the compiler generated " + modules);
    }
  }

  /**
   * "--package=x.y" becomes "-p x.y": exec-maven-plugin 3.6.3 dropped a bare "x.y" argument
   * following "-p" from the command line it built.
   */
  private static String[] expandPackageOption(String[] args) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--package=")) {
        out.add("-p");
        out.add(a.substring("--package=".length()));
      } else {
        out.add(a);
      }
    }
    return out.toArray(new String[0]);
  }

  /** Files follow "-f" up to the next option; each of our files holds exactly one module. */
  private static long countInputFiles(List<String> args) {
    int f = args.indexOf("-f");
    if (f < 0) {
      fail("RunAsn1bean needs -f <files>");
    }
    return args.subList(f + 1, args.size()).stream().takeWhile(a -> !a.startsWith("-")).count();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void fail(String message) {
    System.err.println("[RunAsn1bean] BUILD MUST FAIL: " + message);
    System.exit(1);
  }
}
