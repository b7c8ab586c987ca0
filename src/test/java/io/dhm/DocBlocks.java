package io.dhm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fenced code blocks of a Markdown page, as a reader copies them, so that tests run or check the docs' examples
 * themselves rather than copies of them.
 */
public final class DocBlocks {

    /**
     * One block: its page, the line of its first line of content (1-based), the heading it stands under and its text
     * (every line between the fences, each with its newline).
     */
    public record Block(Path page, int line, String heading, String text) {

        /** Where it is, for a message: the page and the line of the block's first line of content. */
        public String where() {
            return page + ":" + line;
        }
    }

    private DocBlocks() {
    }

    /** Every block of the page fenced as {@code language} (```yaml), in page order. */
    public static List<Block> of(Path page, String language) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "");
            } else if (line.startsWith("```")) {
                int start = i + 1;
                StringBuilder text = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                if (line.substring(3).trim().equals(language)) {
                    blocks.add(new Block(page, start + 1, heading, text.toString()));
                }
            }
        }
        return blocks;
    }

    /** The one block fenced as {@code language} under the heading {@code heading} of the page. */
    public static Block under(Path page, String heading, String language) throws IOException {
        List<Block> found = of(page, language).stream().filter(block -> block.heading().equals(heading)).toList();
        if (found.size() != 1) {
            throw new AssertionError(page + " has " + found.size() + " ```" + language + " blocks under \"" + heading
                    + "\", not one");
        }
        return found.get(0);
    }
}
