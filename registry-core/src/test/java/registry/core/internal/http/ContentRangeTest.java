package registry.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import registry.core.ErrorCode;
import registry.core.RegistryException;

class ContentRangeTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"10-35", "bytes 10-35", "bytes=10-35", "10-35/36", "bytes 10-35/*", " 10-35 "})
  void acceptsTheFormsClientsSend(String value) {
    ContentRange range = ContentRange.parse(value);
    assertThat(range).isEqualTo(new ContentRange(10, 35));
    assertThat(range.length()).isEqualTo(26);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "10", "10-", "-35", "35-10", "a-b", "10-35/x", "1234567890123456789-1234567890123456790"})
  void refusesAnythingElseAs416(String value) {
    assertThatThrownBy(() -> ContentRange.parse(value)).isInstanceOfSatisfying(RegistryException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UPLOAD_RANGE_INVALID));
  }
}
