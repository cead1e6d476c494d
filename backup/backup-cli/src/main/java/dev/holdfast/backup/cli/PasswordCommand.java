package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * restic's {@code --password-command}: the command is split into words (spaces separate, single and double quotes
 * group, a backslash outside quotes takes the next character as it is) and run without a shell; what it prints,
 * trimmed, is the password. Its standard error goes to ours.
 */
final class PasswordCommand {

    private PasswordCommand() {}

    static String run(String command, PrintStream err) {
        List<String> words = split(command);
        if (words.isEmpty()) {
            throw new BackupException("--password-command is empty");
        }
        Process process;
        try {
            process = new ProcessBuilder(words).start();
            process.getOutputStream().close(); // restic gives it no input either
        } catch (IOException e) {
            throw new BackupException("cannot run the password command " + words.getFirst() + ": " + e.getMessage(), e);
        }
        try (InputStream errors = process.getErrorStream()) {
            Thread copier = Thread.ofVirtual().start(() -> copy(errors, err));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            copier.join();
            if (status != 0) {
                throw new BackupException("the password command " + words.getFirst() + " failed: exit status " + status);
            }
            return output.strip();
        } catch (IOException e) {
            throw new BackupException("cannot read the password command's output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while waiting for the password command", e);
        }
    }

    private static void copy(InputStream in, PrintStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the command's own messages only
        }
    }

    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new BackupException("--password-command: unbalanced quotes in " + command);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
