using System.Security.Cryptography;
using System.Text;

namespace GroupBot.Chat;

/// <summary>Webhook secrets and verify tokens are compared in constant time: no timing hint about how much matched.</summary>
public static class Secrets
{
    public static bool Match(string? given, string? expected) =>
        given is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
