package org.plmmonitor.analysis.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Says what an I/O failure means in words, for one-line messages: "no such file", "permission
 * denied", "no space left on device", never a Java class name. The caller names the file.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * @param e an I/O failure on a file the caller names
     * @return a short lower-case reason, without the path and without class names
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        String m = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        if (m == null || m.isBlank()) {
            return "input/output error";
        }
        // Low-level messages look like "/path (No space left on device)": keep the reason.
        int open = m.lastIndexOf(" (");
        if (open >= 0 && m.endsWith(")")) {
            m = m.substring(open + 2, m.length() - 1);
        }
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "no space left on device (the disk is full)";
        }
        if (lower.contains("disk quota")) {
            return "disk quota exceeded";
        }
        return InputText.escape(lower);
    }
}
