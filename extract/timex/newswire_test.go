package timex

import (
	"testing"
	"time"
)

// TestNewswire checks patterns common in TempEval newswire (TimeBank,
// AQUAINT and the TempEval-3 test articles), with the values the TimeML
// TIMEX3 guidelines give them. The publication date is Saturday 3
// February 2024.
func TestNewswire(t *testing.T) {
	tests := []struct {
		name, text, span, typ, value, mod string
	}{
		{"recent years", "Prices have soared in recent years.", "recent years", Date, "PAST_REF", ""},
		{"recent weeks", "Fighting has grown in recent weeks.", "recent weeks", Date, "PAST_REF", ""},
		{"first half without year", "Sales rose in the first half.", "the first half", Date, "2024-H1", ""},
		{"first quarter adjective", "The first quarter results were strong.", "The first quarter", Date, "2024-Q1", ""},
		{"weekday fixes the year", "The bill was signed on Wednesday, March 20.", "Wednesday, March 20", Date, "2024-03-20", ""},
		{"weekday fixes last year", "The bill was signed on Monday, March 20.", "Monday, March 20", Date, "2023-03-20", ""},
		{"past tense month day", "The plant was closed on March 20 after a fire.", "March 20", Date, "2023-03-20", ""},
		{"to be held", "Apple announced another event to be held on October 12.", "October 12", Date, "2024-10-12", ""},
		{"ordinal day alone", "Voting ends on the 25th.", "the 25th", Date, "2024-02-25", ""},
		{"ordinal day past", "The ship sank on the 28th.", "the 28th", Date, "2024-01-28", ""},
		{"minutes later", "The talks ended. Minutes later, police came.", "Minutes later", Duration, "PTXM", ""},
		{"coming months", "Rates will rise in coming months.", "coming months", Duration, "PXM", ""},
		{"years and decades", "The truce held for years and decades.", "decades", Duration, "PXDE", ""},
		{"week earlier", "It closed at 45 on Friday, down from 47 a week earlier.", "a week earlier", Date, "2024-01-26", ""},
		{"weeks ago", "The deal closed two weeks ago.", "two weeks ago", Date, "2024-01-20", ""},
		{"about years ago", "The plant opened about two years ago.", "about two years ago", Date, "2022", "APPROX"},
		{"century ago", "The law was passed a century ago.", "a century ago", Date, "19", ""},
		{"the year", "Earnings for the year will rise 5%.", "the year", Date, "2024", ""},
		{"the year just ended", "Earnings for the year rose 5%.", "the year", Date, "2023", ""},
		{"the year named before", "In 2012, sales fell. For the year, profit rose 3%.", "the year", Date, "2012", ""},
		{"the quarter named before", "Profit in the third quarter rose. In the quarter, sales fell.", "the quarter", Date, "2023-Q3", ""},
		{"the quarter past", "In the quarter, sales fell 5%.", "the quarter", Date, "2023-Q4", ""},
		{"year-end", "Deliveries are due by year-end.", "year-end", Date, "2024", "END"},
		{"late last year", "He resigned late last year.", "late last year", Date, "2023", "END"},
		{"mid-1990s", "Growth slowed in the mid-1990s.", "the mid-1990s", Date, "199", "MID"},
		{"next few days", "Rain is expected in the next few days.", "the next few days", Duration, "PXD", ""},
		{"last night", "He was arrested last night.", "last night", Time, "2024-02-02TNI", ""},
		{"the weekend", "Protests are planned for the weekend.", "the weekend", Date, "2024-W05-WE", ""},
		{"the future", "The future is bright.", "The future", Date, "FUTURE_REF", ""},
		{"annually", "The fee is paid annually.", "annually", Set, "P1Y", ""},
		{"each month", "It is reviewed each month.", "each month", Set, "P1M", ""},
		{"two hours", "The talks lasted two hours.", "two hours", Duration, "PT2H", ""},
		{"apostrophe year", "It was rebuilt in '87.", "'87", Date, "1987", ""},
		{"september 11", "The attacks of September 11, 2001 changed it.", "September 11, 2001", Date, "2001-09-11", ""},
		{"day month year", "The attacks of 11 September 2001 changed it.", "11 September 2001", Date, "2001-09-11", ""},
		{"us slashes", "The attacks of 9/11/2001 changed it.", "9/11/2001", Date, "2001-09-11", ""},
		{"noon", "Lunch is at noon.", "noon", Time, "2024-02-03T12:00", ""},
		{"midnight", "The deadline is midnight.", "midnight", Time, "2024-02-03T24:00", ""},
		{"past three weeks", "He has been there for the past three weeks.", "the past three weeks", Duration, "P3W", ""},
		{"next 18 months", "Over the next 18 months, the firm will cut jobs.", "the next 18 months", Duration, "P18M", ""},
		{"two-year", "A two-year contract was signed.", "two-year", Duration, "P2Y", ""},
		{"said weekday", "The company said Tuesday it would cut jobs.", "Tuesday", Date, "2024-01-30", ""},
		{"will weekday", "The company will report results Tuesday.", "Tuesday", Date, "2024-02-06", ""},
		{"weekday afternoon", "He spoke Wednesday afternoon.", "Wednesday afternoon", Time, "2024-01-31TAF", ""},
		{"a year earlier", "Profit rose from a year earlier.", "a year earlier", Date, "2023", ""},
		{"first nine months", "Sales in the first nine months rose.", "the first nine months", Duration, "P9M", ""},
		{"over the last decade", "It was the worst in the last decade.", "the last decade", Duration, "P10Y", ""},
		{"in the last quarter", "Sales fell in the last quarter.", "the last quarter", Date, "2023-Q4", ""},
		{"this past week", "He left this past week.", "this past week", Date, "2024-W04", ""},
		{"this past weekend", "Protests erupted this past weekend.", "this past weekend", Date, "2024-W04-WE", ""},
		{"late century", "It was built in the late 19th century.", "the late 19th century", Date, "18", "END"},
		{"previous year of story", "In 2008, sales fell from the previous year.", "the previous year", Date, "2007", ""},
		{"following year", "He was elected in 2004 and resigned the following year.", "the following year", Date, "2005", ""},
		{"the year after", "He was elected in 2004. He resigned the year after.", "the year after", Date, "2005", ""},
		{"the month before", "In March 2010 he left; he had joined the month before.", "the month before", Date, "2010-02", ""},
		{"hours after", "Hours after the attack, police arrived.", "Hours", Duration, "PTXH", ""},
		{"latest quarter", "Profit fell in the latest quarter.", "the latest quarter", Date, "2023-Q4", ""},
		{"most recent quarter", "Profit fell in the most recent quarter.", "the most recent quarter", Date, "2023-Q4", ""},
		{"thanksgiving", "Stores were busy on Thanksgiving.", "Thanksgiving", Date, "2023-11-23", ""},
		{"labor day", "Workers rallied on Labor Day.", "Labor Day", Date, "2023-09-04", ""},
		{"memorial day with year", "It opened on Memorial Day 2013.", "Memorial Day 2013", Date, "2013-05-27", ""},
		{"valentine", "Roses sell out before Valentine's Day.", "Valentine's Day", Date, "2024-02-14", ""},
		{"night of", "It happened on the night of March 3.", "the night of March 3", Time, "2023-03-03TNI", ""},
		{"hours after arrest", "He hanged himself in jail hours after his arrest.", "hours", Duration, "PTXH", ""},
		{"final weeks", "In the final weeks of the campaign, polls shifted.", "the final weeks", Duration, "PXW", ""},
		{"a couple of days", "It will take a couple of days.", "a couple of days", Duration, "P2D", ""},
		{"last May", "It happened last May.", "last May", Date, "2023-05", ""},
		{"british clock", "By 6.30am the fire was out.", "6.30am", Time, "2024-02-03T06:30", ""},
		{"british clock pm", "It ended at 9.35 p.m. on Friday.", "9.35 p.m.", Time, "2024-02-02T21:35", ""},
		{"the entire year", "GM lost $10 billion for the entire year.", "the entire year", Date, "2023", ""},
		{"the year previous", "In 2008 sales fell from 1.2 million the year previous.", "the year previous", Date, "2007", ""},
		{"over the years", "Profits rose over the years.", "the years", Duration, "PXY", ""},
		{"annual profit", "Ford posted its first annual profit since 2005.", "annual", Duration, "P1Y", ""},
		{"annual meeting", "The annual meeting is in May.", "annual", Set, "P1Y", ""},
		{"the summer past", "The talks ended in the summer.", "the summer", Date, "2023-SU", ""},
		{"the summer future", "The talks will end in the summer.", "the summer", Date, "2024-SU", ""},
		{"9/11", "The 9/11 attacks changed America.", "9/11", Date, "2001-09-11", ""},
		{"since 9/11", "Security tightened since 9/11.", "9/11", Date, "2001-09-11", ""},
		{"september 11 attacks", "It was the worst since the September 11 attacks.", "September 11", Date, "2001-09-11", ""},
		{"september 11 this year", "The vote is on September 11.", "September 11", Date, "2023-09-11", ""},
		{"yearlong", "A yearlong probe ended.", "yearlong", Duration, "P1Y", ""},
		{"weeklong", "The weeklong strike ended.", "weeklong", Duration, "P1W", ""},
		{"thousand years", "The temple lasted 1,000 years.", "1,000 years", Duration, "P1000Y", ""},
		{"the nineties", "Prices soared in the nineties.", "the nineties", Date, "199", ""},
		{"the late sixties", "It began in the late sixties.", "the late sixties", Date, "196", "END"},
		{"year-earlier quarter", "Profit rose in the third quarter from the year-earlier quarter.", "the year-earlier quarter", Date, "2022-Q3", ""},
		{"year-ago period", "Net fell from the year-ago period.", "the year-ago period", Date, "2023", ""},
		{"by christmas", "He would like a resolution by Christmas.", "Christmas", Date, "2024-12-25", ""},
		{"years ago", "It started years ago.", "years ago", Date, "PAST_REF", ""},
		{"over the next year", "Over the next year, the firm will cut jobs.", "the next year", Duration, "P1Y", ""},
		{"in the next year", "The plant will open in the next year.", "the next year", Date, "2025", ""},
		{"year from now", "It will be ready a year from now.", "a year from now", Date, "2025", ""},
		{"weeks from today", "He returns two weeks from today.", "two weeks from today", Date, "2024-02-17", ""},
		{"these days", "These days, few people write letters.", "These days", Date, "PRESENT_REF", ""},
		{"first week of March", "Sales rose in the first week of March 2013.", "the first week of March 2013", Date, "2013-W10", ""},
		{"second half of March", "It happened in the second half of March 2013.", "the second half of March 2013", Date, "2013-03", "END"},
		{"week ended", "The rate was 5% in the week ended Jan. 26.", "Jan. 26", Date, "2024-01-26", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract(tt.text, sat)
			x := find(t, got, tt.span)
			if x.Type != tt.typ || x.Value != tt.value || x.Mod != tt.mod {
				t.Errorf("%q = %s %s mod %q, want %s %s mod %q", tt.span, x.Type, x.Value, x.Mod, tt.typ, tt.value, tt.mod)
			}
		})
	}
}

// TestNewswireNotTimes lists phrases TempEval does not mark.
func TestNewswireNotTimes(t *testing.T) {
	tests := []struct{ name, text string }{
		{"second half of a game", "The team scored twice in the second half."},
		{"a day known as", "It was a day known as Black Monday."},
		{"ordinal floor", "He lives on the 25th floor."},
		{"former", "The former champion lost."},
		{"season", "The season ended badly."},
		{"number words", "He has three children and one dog."},
		{"winter meetings", "Teixeira got an offer during winter meetings."},
		{"nine of eleven", "He scored 9/11 from the field."},
		{"age in words", "He is in his nineties."},
		{"today show", "She appeared on NBC's Today show."},
		{"usa today", "He told USA Today it was over."},
		{"christmas party", "A gunman opened fire at an office Christmas party."},
		{"decimal", "The index rose 6.30 points."},
		{"sports quarter", "Luck led another fourth quarter drive to beat the Chiefs after a touchdown."},
		{"midnight regulations", "Obama overturned the midnight regulations of the Bush administration."},
		{"the year 2000 alone", "They spoke of the year's best films."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.text, sat); len(got) > 0 {
				t.Errorf("unexpected %s", describe(got))
			}
		})
	}
}

// TestWeekdayTense resolves weekdays the TempEval way against a Thursday
// publication date (21 March 2013, in the week of the TempEval-3 test
// articles): the previous one in the past tense, the next one when the
// clause speaks of the future.
func TestWeekdayTense(t *testing.T) {
	thu := time.Date(2013, 3, 21, 14, 0, 0, 0, time.UTC)
	tests := []struct{ name, text, span, value string }{
		{"past", "Cyprus's parliament rejected the bailout on Tuesday.", "Tuesday", "2013-03-19"},
		{"will", "EU finance ministers will meet on Monday.", "Monday", "2013-03-25"},
		{"until", "The banks will remain closed until Tuesday.", "Tuesday", "2013-03-26"},
		{"due", "Obama is due to visit Jordan on Friday.", "Friday", "2013-03-22"},
		{"progressive", "Obama is meeting Abbas on Friday.", "Friday", "2013-03-22"},
		{"scheduled present", "The defendant faces arraignment on Wednesday morning.", "Wednesday morning", "2013-03-27TMO"},
		{"pluperfect plan", "The vote, which had been scheduled for Sunday, was postponed.", "Sunday", "2013-03-17"},
		{"since", "Banks have been closed since Saturday.", "Saturday", "2013-03-16"},
		{"said", "On Monday, the central bank said the plan was dead.", "Monday", "2013-03-18"},
		{"died", "Coroner Gary Hargrove said he believes Mr. LaRue died Saturday.", "Saturday", "2013-03-16"},
		{"past weekend", "Protests erupted over the weekend.", "the weekend", "2013-W11-WE"},
		{"coming weekend", "Rallies are planned for this weekend.", "this weekend", "2013-W12-WE"},
		{"present schedule", "The Saints play the Seahawks Saturday.", "Saturday", "2013-03-23"},
		{"hard-wrapped line", "The company said it would\ncut jobs on Monday.", "Monday", "2013-03-25"},
		{"may modal", "The vote may take place Friday.", "Friday", "2013-03-22"},
		{"title abbreviation", "A church attended by Gov. Sarah Palin burned on Friday night.", "Friday night", "2013-03-15TNI"},
		{"same day", "The president is expected to meet Abbas on Thursday.", "Thursday", "2013-03-21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := find(t, Extract(tt.text, thu), tt.span); x.Value != tt.value {
				t.Errorf("%q = %s, want %s", tt.span, x.Value, tt.value)
			}
		})
	}
}
