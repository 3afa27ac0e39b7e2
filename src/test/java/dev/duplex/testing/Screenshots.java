package dev.duplex.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WrapsDriver;

/** Pictures of the page for its documentation, taken by the browser tests from a real Chromium. */
public final class Screenshots {

    private static final int GAP = 16;
    private static final Color PAGE_BACKGROUND = new Color(0xf4f5f7); // app.css's --bg

    private Screenshots() {
    }

    /** Writes one PNG of {@code elements} (from one window each, say) side by side on the page's background. */
    public static void sideBySide(Path file, WebElement... elements) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (WebElement element : elements) {
            images.add(cutOut(element));
        }
        int width = GAP + images.stream().mapToInt(image -> image.getWidth() + GAP).sum();
        int height = 2 * GAP + images.stream().mapToInt(BufferedImage::getHeight).max().orElse(0);
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D canvas = sheet.createGraphics();
        try {
            canvas.setColor(PAGE_BACKGROUND);
            canvas.fillRect(0, 0, width, height);
            int x = GAP;
            for (BufferedImage image : images) {
                canvas.drawImage(image, x, GAP, null);
                x += image.getWidth() + GAP;
            }
        } finally {
            canvas.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(sheet, "png", file.toFile());
    }

    /**
     * {@code element} as it shows, without the focus ring of a field that has the focus. Cut out of
     * a picture of the window with the element scrolled to its top: ChromeDriver's own picture of
     * an element below the first screenful comes out shifted.
     */
    private static BufferedImage cutOut(WebElement element) throws IOException {
        WebDriver window = ((WrapsDriver) element).getWrappedDriver();
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) ((JavascriptExecutor) window).executeScript("""
                document.activeElement?.blur();
                arguments[0].scrollIntoView();
                const box = arguments[0].getBoundingClientRect();
                return [box.x, box.y, box.width, box.height].map((length) => Math.round(length * devicePixelRatio));""",
                element);
        byte[] png = ((TakesScreenshot) window).getScreenshotAs(OutputType.BYTES);
        BufferedImage whole = ImageIO.read(new ByteArrayInputStream(png));
        int x = box.get(0).intValue();
        int y = box.get(1).intValue();
        return whole.getSubimage(x, y, Math.min(box.get(2).intValue(), whole.getWidth() - x),
                Math.min(box.get(3).intValue(), whole.getHeight() - y));
    }
}
