package io.pixelpolish.image;

import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reading and writing image files: PNG, JPEG, BMP and TIFF (8- and 16-bit) through ImageIO, with the
 * TwelveMonkeys plugins on the class path. Every failure is an {@link IOException} whose message starts
 * with the file and says what is wrong with it.
 */
public final class ImageFiles {

    /** Extensions recognised as images, lower case, without the dot. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");

    /**
     * The most pixels a file may declare before it is decoded ({@code data.max_pixels}, {@code --max-pixels}):
     * decoding allocates the whole raster up front, so a small file declaring a huge size would otherwise
     * exhaust memory and take every other image of a batch down with it. The same as configs/base.yaml's.
     */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** Decoder warnings that say colours are converted approximately, not that data is missing. */
    private static final Pattern COLOUR_WARNING =
            Pattern.compile("ICC|colou?r profile|colou?r ?space", Pattern.CASE_INSENSITIVE);

    private static final List<String> WRITABLE = List.of("png", "tif", "tiff", "jpg", "jpeg");
    /** JPEG quality for the reports' contact sheets: visually lossless, a tenth of a PNG's size. */
    private static final float JPEG_QUALITY = 0.9f;

    private ImageFiles() {}

    /** {@link #read(Path, ByteSwap, long)} with the {@link #DEFAULT_MAX_PIXELS} limit. */
    public static DecodedImage read(Path file, ByteSwap byteSwap) throws IOException {
        return read(file, byteSwap, DEFAULT_MAX_PIXELS);
    }

    /**
     * Decodes {@code file}; {@code byteSwap} governs 16-bit frames (see {@link ImageByteOrder}). A file
     * whose header declares more than {@code maxPixels} pixels is refused before anything is allocated.
     */
    public static DecodedImage read(Path file, ByteSwap byteSwap, long maxPixels) throws IOException {
        if (!isImage(file)) {
            throw new IOException(file + ": not an image file name; expected one of the extensions " + EXTENSIONS);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + ": empty file (0 bytes)");
        }
        return ImageRasters.toDecoded(file, decode(file, maxPixels), byteSwap, true);
    }

    /**
     * Decodes {@code file} as an image viewer shows it: samples over the format's full range (16-bit
     * divided by 65535), no byte-order guess, no stretch. For scoring saved results as users see them.
     */
    public static DecodedImage readAsViewed(Path file) throws IOException {
        return ImageRasters.toDecoded(file, decode(file, DEFAULT_MAX_PIXELS), ByteSwap.NEVER, false);
    }

    /**
     * Writes {@code image} as PNG or TIFF (at the image's bit depth) or JPEG (8-bit only, quality
     * 0.9, for reports), chosen by the extension of {@code file}. The data goes to a hidden temporary
     * file in the same folder that is then renamed over {@code file}, so a crash never leaves a
     * half-written image where a reader would find it, and a file that {@code file} is a hard or
     * symbolic link to is never written into. The temporary file is created with the process's umask
     * (as any other file a user's program writes), not with the owner-only mode of
     * {@link Files#createTempFile}, which the rename would carry over to the result.
     */
    public static void write(Path file, DecodedImage image) throws IOException {
        String extension = extension(file);
        if (!WRITABLE.contains(extension)) {
            throw new IOException(file + ": cannot write this format; expected one of the extensions " + WRITABLE);
        }
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createFile(folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            encode(file, image, formatName(file, image, extension), temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * {@code path} with every link resolved, also where its last parts do not exist yet: what a write
     * to it would really reach, to compare with the inputs a command must not write over.
     */
    public static Path resolved(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(existing.relativize(absolute));
    }

    /** Whether the file name has one of the {@link #EXTENSIONS}, in any case. */
    public static boolean isImage(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    /**
     * Image files under {@code root}, recursively, sorted; hidden files and folders (name starting with
     * a dot) are skipped. Symbolic links are followed, since data folders are often linked in; a link
     * cycle is not entered twice.
     */
    public static List<Path> listImages(Path root) throws IOException {
        List<Path> images = new ArrayList<>();
        Files.walkFileTree(
                root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && isHidden(dir)
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && !isHidden(file) && isImage(file)) {
                            images.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }
                });
        images.sort(null);
        return images;
    }

    /**
     * Encodes into {@code temporary} with the first ImageIO writer for {@code format} that succeeds, and
     * forces it to disk: several writers may be registered for one format and not all handle every
     * layout (TwelveMonkeys' TIFF writer rejects 16-bit RGB, the JDK's accepts it).
     */
    private static String formatName(Path file, DecodedImage image, String extension) throws IOException {
        return switch (extension) {
            case "png" -> "png";
            case "tif", "tiff" -> "tiff";
            default -> {
                if (image.bitDepth() != 8) {
                    throw new IOException(file + ": JPEG holds 8 bits per sample, the image has " + image.bitDepth()
                            + "; write it as .png or .tif");
                }
                yield "jpeg";
            }
        };
    }

    private static void encode(Path file, DecodedImage image, String format, Path temporary) throws IOException {
        BufferedImage encoded = ImageRasters.toBufferedImage(image);
        List<String> failures = new ArrayList<>();
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            try (RandomAccessFile out = new RandomAccessFile(temporary.toFile(), "rw");
                    ImageOutputStream stream = new FileImageOutputStream(out)) {
                out.setLength(0);
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                if (format.equals("jpeg")) {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(JPEG_QUALITY);
                }
                writer.write(null, new IIOImage(encoded, null, null), param);
                stream.flush();
                out.getChannel().force(true);
                return;
            } catch (IOException | RuntimeException e) {
                failures.add(writer.getClass().getName() + ": " + e.getMessage());
            } finally {
                writer.dispose();
            }
        }
        throw new IOException(file + ": cannot encode " + image.channels() + " channel(s) at " + image.bitDepth()
                + " bits as " + format + " ("
                + (failures.isEmpty() ? "no writer installed" : String.join("; ", failures)) + ")");
    }

    /**
     * Reads the first image of the file with the first ImageIO reader that recognises its content,
     * after checking the size its header declares against {@code maxPixels}.
     * Decoder warnings count as failures: the JPEG decoder, for one, only warns about a truncated file
     * and fills the missing part with gray, which would silently train on a broken image. Warnings
     * about colour management (a CMYK or YCCK JPEG without an ICC profile, converted with a generic
     * one) are about accuracy, not damage: they are logged, once per process.
     */
    private static BufferedImage decode(Path file, long maxPixels) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                throw new IOException(file + ": cannot be opened for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new IOException(
                        file + ": content is not a PNG, JPEG, BMP or TIFF image (no decoder recognises it)");
            }
            ImageReader reader = readers.next();
            String format = reader.getOriginatingProvider().getFormatNames()[0].toUpperCase(Locale.ROOT);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image;
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0), height = reader.getHeight(0);
                if (width * height > maxPixels) {
                    throw new PixelLimitException(file + ": " + width + "x" + height + " = " + width * height
                            + " pixels, more than the limit of " + maxPixels
                            + " (--max-pixels, or data.max_pixels when training)");
                }
                image = reader.read(0);
            } catch (PixelLimitException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // Decoders report corrupt data with either kind of exception.
                throw new IOException(
                        file + ": cannot decode " + format + " data, truncated or corrupt (" + reasons(e) + ")", e);
            } finally {
                reader.dispose();
            }
            warnings.removeIf(warning -> {
                boolean colour = COLOUR_WARNING.matcher(warning).find();
                if (colour) {
                    Warnings.once("colour", file + ": " + warning);
                }
                return colour;
            });
            if (!warnings.isEmpty()) {
                throw new IOException(file + ": " + format + " data is truncated or corrupt (decoder warned: "
                        + String.join("; ", warnings) + ")");
            }
            return image;
        }
    }

    /** A file refused for the size it declares, before any pixel of it is decoded. */
    private static final class PixelLimitException extends IOException {
        PixelLimitException(String message) {
            super(message);
        }
    }

    /** The messages along a cause chain: decoders wrap the telling one, e.g. "Unexpected end of ZLIB input stream". */
    private static String reasons(Throwable error) {
        List<String> messages = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String message =
                    t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (!messages.contains(message)) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return "";
        }
        String text = name.toString();
        int dot = text.lastIndexOf('.');
        return dot < 0 ? "" : text.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
