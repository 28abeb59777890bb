using System.Globalization;
using System.Resources;

namespace GroupBot.Chat;

/// <summary>
/// User-facing text, from Resources/Messages.resx (Bahasa Indonesia) and Messages.en.resx (English).
/// </summary>
public sealed class Texts
{
    public static readonly IReadOnlyList<string> Languages = ["id", "en"];

    private static readonly ResourceManager Resources = new("GroupBot.Resources.Messages", typeof(Texts).Assembly);
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static CultureInfo Culture(string language) => language == "en" ? English : Indonesian;

    public string Get(string language, string key, params object?[] args)
    {
        var culture = Culture(language);
        var format = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }

    /// <summary>For tests: the keys of the neutral (Indonesian) resource.</summary>
    internal static IReadOnlySet<string> Keys(string language)
    {
        var culture = language == "en" ? English : CultureInfo.InvariantCulture;
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (set is null)
        {
            return keys;
        }

        foreach (System.Collections.DictionaryEntry entry in set)
        {
            keys.Add((string)entry.Key);
        }

        return keys;
    }
}
