package org.bragg.params.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bragg.params.internal.Names;
import org.bragg.params.internal.PyFormat;
import org.bragg.params.internal.Suggest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Helpers: Python number formatting, names, edit distance. */
class InternalTest {

    /** Expected strings are Python 3.11 {@code "%.10g" % v}. */
    @ParameterizedTest
    @CsvSource({"0.0,0", "-0.0,-0", "1.0,1", "6.0,6", "0.002,0.002", "0.1,0.1", "0.3333333333333333,0.3333333333",
        "-2.5,-2.5", "1e-05,1e-05", "0.00015,0.00015", "0.0001,0.0001", "123456789.0,123456789",
        "1234567890.0,1234567890", "12345678901.0,1.23456789e+10", "1e10,1e+10", "9999999999.5,1e+10",
        "1e100,1e+100", "-1e-100,-1e-100", "1.4142135623730951,1.414213562", "0.30000000000000004,0.3",
        "1e16,1e+16", "1234560000.0,1234560000"})
    void g10MatchesPython(double v, String expected) {
        assertEquals(expected, PyFormat.g10(v));
    }

    @Test
    void g10SpecialValues() {
        assertEquals("inf", PyFormat.g10(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PyFormat.g10(Double.NEGATIVE_INFINITY));
        assertEquals("nan", PyFormat.g10(Double.NaN));
    }

    @Test
    void pythonNumberSyntax() {
        assertEquals(1.5e-3, PyFormat.parseDouble("1.5e-3"));
        assertEquals(0.5, PyFormat.parseDouble(".5"));
        assertEquals(Double.POSITIVE_INFINITY, PyFormat.parseDouble("inf"));
        assertTrue(PyFormat.parseDouble("NaN").isNaN());
        assertNull(PyFormat.parseDouble("1.0f"), "Java suffixes are not Python syntax");
        assertNull(PyFormat.parseDouble("0x10"));
        assertEquals(3L, PyFormat.parseLong("3.0"));
        assertEquals(1000L, PyFormat.parseLong("1e3"));
        assertNull(PyFormat.parseLong("3.5"));
        assertNull(PyFormat.parseLong("99999999999999999999"));
    }

    @ParameterizedTest
    @CsvSource({"minSpotSize,min_spot_size", "dMin,d_min", "fastSlowBeamCentre,fast_slow_beam_centre", "nproc,nproc",
        "kernelSize,kernel_size", "HTMLFile,html_file", "sigmaB2,sigma_b2", "already_snake,already_snake"})
    void snakeCase(String camel, String snake) {
        assertEquals(snake, Names.snake(camel));
    }

    @Test
    void identifiers() {
        assertTrue(Names.isPath("spotfinder.filter.min_spot_size"));
        assertFalse(Names.isPath("a..b"));
        assertFalse(Names.isPath("1a"));
        assertFalse(Names.isPath("/data/x.cbf"));
        assertEquals("\"a \\\"b\\\" \\\\c\"", Names.quote("a \"b\" \\c"));
    }

    @Test
    void editDistance() {
        assertEquals(1, Suggest.distance("min_spot_sise", "min_spot_size"));
        assertEquals(3, Suggest.distance("kitten", "sitting"));
        assertEquals(0, Suggest.distance("", ""));
    }
}
