package dev.holdfast.platform.crm.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * The export formats EspoCRM offers ({@code "format": "csv" | "xlsx"}): each writes a header row of attribute
 * names, then a row per record, to a stream, never holding more than a window of rows in memory.
 */
enum ExportFormat {

    CSV("csv", "text/csv; charset=UTF-8") {
        @Override
        Writer open(OutputStream out) {
            return new Csv(out);
        }
    },
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
        @Override
        Writer open(OutputStream out) {
            return new Xlsx(out);
        }
    };

    /** Excel's limit on the characters in one cell; a longer text is cut there. */
    static final int XLSX_CELL_LIMIT = 32_767;

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    String extension() {
        return extension;
    }

    String contentType() {
        return contentType;
    }

    /** The format EspoCRM calls {@code name}; empty for any other. */
    static Optional<ExportFormat> named(@Nullable Object name) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Starts a file on {@code out}; {@link Writer#finish} completes it (the caller closes {@code out}). */
    abstract Writer open(OutputStream out);

    /** One file being written. Not thread-safe. */
    interface Writer {

        void row(List<@Nullable Object> values) throws IOException;

        /** Writes what is still buffered; the file is complete afterwards. */
        void finish() throws IOException;
    }

    /** RFC 4180 (CRLF, quotes doubled), UTF-8; a cell a spreadsheet would run as a formula gets a leading {@code '}. */
    private static final class Csv implements Writer {

        private final java.io.Writer out;

        Csv(OutputStream out) {
            this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        }

        @Override
        public void row(List<@Nullable Object> values) throws IOException {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                String cell = cell(values.get(i));
                if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                    out.write('"');
                    out.write(cell.replace("\"", "\"\""));
                    out.write('"');
                } else {
                    out.write(cell);
                }
            }
            out.write("\r\n");
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }

        private static String cell(@Nullable Object value) {
            String text = text(value);
            // a cell a spreadsheet would run as a formula is kept as text (OWASP's CSV injection advice)
            if (!text.isEmpty() && "=@\t\r".indexOf(text.charAt(0)) >= 0
                    || (text.length() > 1 && (text.charAt(0) == '+' || text.charAt(0) == '-') && !text.substring(1).matches("[0-9 ().]+"))) {
                text = "'" + text;
            }
            return text;
        }
    }

    /**
     * Office Open XML through POI's streaming SXSSF: rows beyond a window of 100 go to a compressed temporary file
     * until {@link #finish}. Numbers and booleans are typed cells; everything else is a string cell, which a
     * spreadsheet never evaluates, so {@code =HYPERLINK(...)} stays the text it was (no quote prefix needed).
     */
    private static final class Xlsx implements Writer {

        private final OutputStream out;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        private final Sheet sheet;
        private int rows;

        Xlsx(OutputStream out) {
            this.out = out;
            workbook.setCompressTempFiles(true);
            this.sheet = workbook.createSheet("Export");
        }

        @Override
        public void row(List<@Nullable Object> values) {
            Row row = sheet.createRow(rows++);
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value == null) {
                    continue;
                }
                var cell = row.createCell(i);
                if (value instanceof Number number) {
                    cell.setCellValue(number.doubleValue());
                } else if (value instanceof Boolean bool) {
                    cell.setCellValue(bool);
                } else {
                    String text = text(value);
                    cell.setCellValue(text.length() > XLSX_CELL_LIMIT ? text.substring(0, XLSX_CELL_LIMIT) : text);
                }
            }
        }

        @Override
        public void finish() throws IOException {
            try {
                workbook.write(out);
                out.flush();
            } finally {
                workbook.dispose(); // removes the temporary files
                workbook.close();
            }
        }
    }

    private static String text(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof String s ? s : value instanceof Number || value instanceof Boolean ? value.toString() : Json.write(value);
    }
}
