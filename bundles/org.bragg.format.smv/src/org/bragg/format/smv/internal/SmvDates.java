package org.bragg.format.smv.internal;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the SMV {@code DATE} header ({@code Tue Nov 14 22:13:20 2023}, the C {@code ctime} layout,
 * optionally with a time-zone word such as {@code PST}) into seconds since 1970. As dxtbx does, the
 * time is read as UTC and a zone word is ignored; an unparseable or missing date gives epoch 0.
 *
 * @since 0.1
 */
public final class SmvDates {
	private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

	private SmvDates() {}

	/** @return seconds since 1970-01-01T00:00Z, or 0 if {@code date} is null or not in ctime layout */
	public static double epoch(String date) {
		if (date == null) return 0;
		List<String> words = new ArrayList<>();
		for (String w : date.trim().split("\\s+")) if (!w.isEmpty()) words.add(w);
		if (words.size() == 6 && words.get(4).chars().allMatch(Character::isLetter)) words.remove(4); // zone word
		if (words.size() != 5) return 0;
		try {
			return LocalDateTime.parse(String.join(" ", words), CTIME).toEpochSecond(ZoneOffset.UTC);
		} catch (DateTimeParseException e) {
			return 0;
		}
	}
}
