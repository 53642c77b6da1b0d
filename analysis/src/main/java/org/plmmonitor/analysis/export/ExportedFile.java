package org.plmmonitor.analysis.export;

import java.util.Arrays;

/**
 * A file an export wrote beside the FHIR bundle, as its {@code DocumentReference} names it.
 *
 * @param name        the file name, relative to the bundle's folder
 * @param contentType its MIME type, e.g. {@code text/csv}, {@code application/edf}
 * @param bytes       its size, bytes, {@code >= 0}
 * @param sha1        its SHA-1 (20 bytes)
 * @param title       what it holds, in words
 * @param nightId     the night it belongs to, null for a file of the whole period
 */
public record ExportedFile(String name, String contentType, long bytes, byte[] sha1, String title, String nightId) {
    public ExportedFile {
        if (sha1 == null || sha1.length != 20 || bytes < 0) {
            throw new IllegalArgumentException("file " + name + ": needs a 20-byte SHA-1 and a size >= 0");
        }
        sha1 = sha1.clone();
    }

    @Override
    public byte[] sha1() {
        return sha1.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExportedFile f && f.name.equals(name) && f.contentType.equals(contentType) && f.bytes == bytes
                && Arrays.equals(f.sha1, sha1) && f.title.equals(title) && java.util.Objects.equals(f.nightId, nightId);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(sha1);
    }
}
