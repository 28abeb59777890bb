namespace GroupBot.Chat;

/// <summary>Names as people type them: tidy spaces, capitalise the first letter of each word.</summary>
public static class Names
{
    public static string Tidy(string text)
    {
        var clean = Words.Clean(text).Replace('\n', ' ');
        var parts = clean.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > 0 && char.IsLower(w[0]) ? char.ToUpperInvariant(w[0]) + w[1..] : w);
        return string.Join(' ', parts);
    }

    /// <summary>At least two letters, not too long, and made of letters, digits and ordinary punctuation.</summary>
    public static bool IsPlausible(string name, int maxLength) =>
        name.Length >= 2 && name.Length <= maxLength && name.Count(char.IsLetter) >= 2
        && name.All(c => char.IsLetterOrDigit(c) || c is ' ' or '\'' or '-' or '.' or ',' or '(' or ')' or '/' or '&');
}
