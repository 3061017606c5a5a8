namespace EvMonitor.Api;

/// <summary>What free text a user names things with (a nickname, a name, an app's user agent) may hold.</summary>
public static class TextRules
{
    public const string ControlCharacterError =
        "must not contain control characters (U+0000–U+001F, U+007F), line or paragraph separators (U+2028, U+2029) or Unicode non-characters";

    /// <summary>
    /// True when <paramref name="text"/> holds a character that breaks the lines, logs and screens
    /// it is shown on: a C0 control or DEL, a line or paragraph separator, or a non-character
    /// (U+FDD0–U+FDEF, and the last two code points of every plane, U+FFFE, U+FFFF, U+1FFFE, …).
    /// </summary>
    public static bool HasControlCharacter(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.Value;
            if (c < 0x20 || c == 0x7F || c is 0x2028 or 0x2029 || c is >= 0xFDD0 and <= 0xFDEF || (c & 0xFFFE) == 0xFFFE)
                return true;
        }
        return false;
    }
}
