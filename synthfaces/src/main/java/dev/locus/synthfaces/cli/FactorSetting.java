package dev.locus.synthfaces.cli;

import dev.locus.synthfaces.FaceFactors;
import dev.locus.synthfaces.Factor;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One {@code --set name=value} override, e.g. {@code eye_openness=0} or {@code hair_colour=blonde}. */
record FactorSetting(Factor factor, double raw) {

    FaceFactors applyTo(FaceFactors f) {
        return f.with(factor, raw);
    }

    static final class Converter implements ITypeConverter<FactorSetting> {
        @Override
        public FactorSetting convert(String text) {
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        private static FactorSetting parse(String text) {
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + text + "' is not NAME=VALUE, e.g. eye_openness=0");
            }
            Factor factor = Factor.fromId(text.substring(0, eq));
            return new FactorSetting(factor, factor.parse(text.substring(eq + 1)));
        }
    }
}
