namespace GroupBot.People;

/// <summary>Indonesian phone numbers as leaders type them, normalised to international digits (62812...).</summary>
public static class Phone
{
    /// <summary>Accepts "0812-3456-7890", "+62 812 3456 7890", "62812...", "812...". Returns false for anything else.</summary>
    public static bool TryNormalize(string? text, out string digits)
    {
        digits = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 30)
        {
            return false;
        }

        var plus = text.TrimStart().StartsWith('+');
        foreach (var ch in text)
        {
            if (char.IsAsciiDigit(ch))
            {
                digits += ch;
            }
            else if (ch is not (' ' or '-' or '.' or '(' or ')' or '+'))
            {
                digits = string.Empty;
                return false;
            }
        }

        if (digits.StartsWith('0'))
        {
            digits = "62" + digits[1..];
        }
        else if (digits.StartsWith('8') && !plus)
        {
            digits = "62" + digits;
        }

        // Indonesian mobile numbers: 62 8xx, 10 to 13 digits after the country code.
        var ok = digits.StartsWith("628", StringComparison.Ordinal) && digits.Length is >= 11 and <= 15;
        if (!ok)
        {
            digits = string.Empty;
        }

        return ok;
    }

    /// <summary>Shows a number the way Indonesians write it: 0812-3456-7890.</summary>
    public static string Display(string digits) => digits.StartsWith("62", StringComparison.Ordinal) ? "0" + digits[2..] : digits;
}
