package dev.duplex.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewriterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            在吗？        | 在!
            你好吗?       | 你好!
            能听懂汉语吗？ | 能听懂汉语!
            吗吗?         | 吗!
            ?吗?          | !!
            what?        | what!
            吗?吗？       | !!
            a?？          | a!!
            吗           | 吗
            '吗 ?'       | '吗 !'
            没有问号       | 没有问号
            😀吗?𠀀       | 😀!𠀀
            """)
    void eachQuestionMarkWithTheMaBeforeItBecomesAnExclamationMark(String text, String rewritten) {
        assertEquals(rewritten, Rewriter.rewrite(text));
    }

    @Test
    void matchesPythonsReSubOnEveryRecordedInput() throws Exception {
        // Pairs recorded by python_parity.py with the tutorial's own re.sub("吗?([?？])", "!", text).
        try (InputStream in = getClass().getResourceAsStream("python-parity.json");
                var reader = Json.createReader(in)) {
            JsonArray pairs = reader.readArray();
            assertEquals(510, pairs.size());
            for (JsonArray pair : pairs.getValuesAs(JsonArray.class)) {
                String text = ((JsonString) pair.get(0)).getString();
                assertEquals(((JsonString) pair.get(1)).getString(), Rewriter.rewrite(text), () -> "for " + text);
            }
        }
    }

    @Test
    void replyCarriesTheTimeInTheConfiguredZoneAndBothTexts() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T01:05:03Z"), ZoneOffset.UTC);
        RewriteReply reply = new Rewriter(clock, ZoneId.of("Asia/Shanghai")).reply("在吗？");
        assertEquals(new RewriteReply("2026.11.22 09:05:03", "在!", "在吗？"), reply);
    }
}
