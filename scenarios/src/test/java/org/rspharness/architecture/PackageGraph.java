package org.rspharness.architecture;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package dependency graph of compiled classes (what jdeps would report), read from the class
 * files' constant pools, and its cycles (strongly connected components of more than one package).
 * Each edge keeps one example class pair, so a reported cycle says which class to move.
 */
final class PackageGraph {

  /** Class names inside descriptors and signatures: {@code Lorg/rspharness/x/Y;} or {@code <}. */
  private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+)[;<]");

  private final String prefix;

  /** from package -> to package -> one example "from.Class -> to.Class". */
  private final Map<String, Map<String, String>> edges = new TreeMap<>();

  /** A graph of the packages whose names start with {@code prefix} (e.g. "org.rspharness."). */
  PackageGraph(String prefix) {
    this.prefix = prefix;
  }

  /** Adds one class-level dependency (binary names with dots); ignored outside the prefix. */
  void addDependency(String fromClass, String toClass) {
    String from = packageOf(fromClass);
    String to = packageOf(toClass);
    if (!from.startsWith(prefix) || !to.startsWith(prefix)) {
      return;
    }
    Map<String, String> out = edges.computeIfAbsent(from, k -> new TreeMap<>());
    edges.computeIfAbsent(to, k -> new TreeMap<>());
    if (!from.equals(to)) {
      out.putIfAbsent(to, simple(fromClass) + " -> " + simple(toClass));
    }
  }

  /** Adds every class file under a directory of classes or inside a jar. */
  void addClasses(Path dirOrJar) throws IOException {
    if (Files.isDirectory(dirOrJar)) {
      try (Stream<Path> files = Files.walk(dirOrJar)) {
        for (Path p :
            (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
          try (InputStream in = Files.newInputStream(p)) {
            addClassFile(in);
          }
        }
      }
    } else {
      try (JarFile jar = new JarFile(dirOrJar.toFile())) {
        for (var e : Collections.list(jar.entries())) {
          if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
            try (InputStream in = jar.getInputStream(e)) {
              addClassFile(in);
            }
          }
        }
      }
    }
  }

  /** Reads one class file (JVMS 4.4 constant pool) and adds the classes it refers to. */
  void addClassFile(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNameIndex = new int[count]; // constant pool slot -> its CONSTANT_Class name index
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNameIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 5, 6 -> {
          in.readLong();
          i++; // takes two slots
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    in.readUnsignedShort(); // access flags
    String self = utf8[classNameIndex[in.readUnsignedShort()]];
    Set<String> referenced = new TreeSet<>();
    for (int nameIndex : classNameIndex) {
      if (nameIndex == 0) {
        continue;
      }
      String name = utf8[nameIndex];
      if (name.startsWith("[")) {
        collectDescriptor(name, referenced);
      } else {
        referenced.add(name);
      }
    }
    for (String s : utf8) {
      if (s != null && s.indexOf('L') >= 0 && s.indexOf('/') >= 0) {
        collectDescriptor(s, referenced);
      }
    }
    String from = self.replace('/', '.');
    for (String to : referenced) {
      addDependency(from, to.replace('/', '.'));
    }
  }

  private static void collectDescriptor(String s, Set<String> into) {
    Matcher m = DESCRIPTOR_CLASS.matcher(s);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  Set<String> packages() {
    return Collections.unmodifiableSet(edges.keySet());
  }

  /**
   * Every package edge into a package whose name starts with {@code target}, as "from -> to
   * (Example -> Used)", sorted.
   */
  List<String> edgesInto(String target) {
    List<String> out = new ArrayList<>();
    edges.forEach(
        (from, tos) ->
            tos.forEach(
                (to, example) -> {
                  if (to.startsWith(target)) {
                    out.add(from + " -> " + to + "   (" + example + ")");
                  }
                }));
    return out;
  }

  /** The cycles: each strongly connected component of two or more packages, sorted by name. */
  List<Set<String>> cycles() {
    Tarjan t = new Tarjan();
    for (String v : edges.keySet()) {
      if (!t.index.containsKey(v)) {
        t.visit(v);
      }
    }
    t.components.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
    return t.components;
  }

  /**
   * One concrete cycle through the component, starting at its first package, each step with an
   * example class pair: "a -> b (A -> B)\n b -> a (B2 -> A2)".
   */
  String describe(Set<String> component) {
    String start = component.iterator().next();
    // breadth-first from start's successors back to start, inside the component
    Map<String, String> parent = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    for (String next : edges.get(start).keySet()) {
      if (component.contains(next) && !parent.containsKey(next)) {
        parent.put(next, start);
        queue.add(next);
      }
    }
    while (!queue.isEmpty() && !parent.containsKey(start)) {
      String v = queue.poll();
      for (String next : edges.get(v).keySet()) {
        if (component.contains(next) && !parent.containsKey(next)) {
          parent.put(next, v);
          queue.add(next);
        }
      }
    }
    List<String> path = new ArrayList<>();
    String v = start;
    do {
      path.add(0, v);
      v = parent.get(v);
    } while (!v.equals(start));
    path.add(0, start);
    StringBuilder sb = new StringBuilder();
    sb.append("cycle of ").append(component.size()).append(" packages ").append(component);
    for (int i = 0; i + 1 < path.size(); i++) {
      String a = path.get(i);
      String b = path.get(i + 1);
      sb.append("\n    ")
          .append(a)
          .append(" -> ")
          .append(b)
          .append("   (")
          .append(edges.get(a).get(b))
          .append(')');
    }
    return sb.toString();
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** Tarjan's strongly connected components (recursive: a few hundred packages). */
  private final class Tarjan {
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> low = new HashMap<>();
    final Deque<String> stack = new ArrayDeque<>();
    final Set<String> onStack = new TreeSet<>();
    final List<Set<String>> components = new ArrayList<>();

    void visit(String v) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.push(v);
      onStack.add(v);
      for (String w : edges.get(v).keySet()) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new TreeSet<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        if (component.size() > 1) {
          components.add(component);
        }
      }
    }
  }
}
