// Package quantity finds counted and measured amounts in news text: how
// many were killed, injured, arrested or displaced, how many targets were
// struck and munitions used, sums of money and percentages.
//
// Numbers are read in digits (with thousands separators in the English
// "1,000", European "1.000" and spaced "1 000" conventions, and in any
// script's decimal digits) and in words ("sixteen", "dozens", "a handful",
// "tens of thousands"). Each amount gets its bound ("more than 85" is at
// least 85, "nearly 40" about 40, "between 20 and 30" a range), the thing
// counted ("targets", "people"), a normalized role for the counts news
// disputes most, the place or group it belongs to when the sentence says
// so ("in Iraq alone", "in Anbar province") and the source the text
// gives ("according to Reuters", "CENTCOM said").
//
// Years, dates, clock times, ordinals, phone numbers, model numbers and
// durations are not amounts and are left out. Extract is a pure function,
// safe for concurrent use; it never panics on any input.
package quantity
