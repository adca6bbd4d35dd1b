package io.github.camelsmtpsystem.internal.template;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Values print as Python's {@code repr()} prints them (the expectations are Python 3's). */
class ValuesTest {

    @ParameterizedTest
    @CsvSource({
        "0.001, 0.001",
        "0.002, 0.002",
        "2.5, 2.5",
        "-0.5, -0.5",
        "100.0, 100.0",
        "9999999.0, 9999999.0",
        "0.30000000000000004, 0.30000000000000004",
        "10000000.0, 10000000.0",
        "12345678.9, 12345678.9",
        "0.0005, 0.0005",
        "0.00001, 1e-05",
        "1e16, 1e+16",
        "-1.5e300, -1.5e+300"
    })
    void floatsPrintAsPythonsRepr(double value, String python) {
        assertThat(Values.floatRepr(value)).isEqualTo(python);
    }

    @Test
    void aFloatPrintsTheNumberItIsWithoutTrailingZeros() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 12));
            String printed = Values.floatRepr(value);

            assertThat(Double.parseDouble(printed)).as(printed).isEqualTo(value);
            assertThat(printed)
                    .as("%s", value)
                    .matches("-?(0|[1-9][0-9]*)\\.([0-9]*[1-9]|0)|-?[1-9](\\.[0-9]*[1-9])?e[-+][0-9]{2,3}");
        }
    }

    @Test
    void containersPrintTheirNumbersAndThemselvesOnce() {
        List<Object> list = new java.util.ArrayList<>(List.of(1, 2.5, "a"));
        list.add(list);

        assertThat(Values.repr(Map.of("k", 0.25))).isEqualTo("{'k': 0.25}");
        assertThat(Values.repr(list)).isEqualTo("[1, 2.5, 'a', [...]]");
        assertThat(Values.str(3.0)).isEqualTo("3.0");
    }
}
