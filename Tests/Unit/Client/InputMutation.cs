using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Auction.Tests.Unit.Client;

/// <summary>One edit of a JSON document: what to do, where (a fraction of the matches or of the length), and with which payload.</summary>
internal sealed record InputMutation(int Kind, double Where, int Payload, int Length)
{
    private static readonly string[] Numbers =
    [
        "1e308", "-1e308", "1e9", "-1", "0", "-0", "99999999999", "2147483648", "-2147483649", "1e-320", "0.5", "3",
        "\"NaN\"", "\"Infinity\"", "null", "true", "[]", "{}", "\"abc\"", "1.0000000000000002",
    ];

    private static readonly string[] Texts =
    [
        "", " ", "all", "both", "auction,naive", "auction,,naive", "z-score", "modified-z-score", "\\u0000", "\\ud800",
        "provider-1", "mock-id-1", "é", "\\\"", "a,b,c",
    ];

    private static readonly byte[][] Raw =
    [
        [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xEF, 0xBB, 0xBF],
        "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "\""u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(),
        "\"x\":1,"u8.ToArray(), "//"u8.ToArray(), "\0"u8.ToArray(),
    ];

    private static readonly Regex NumberToken = new("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?", RegexOptions.Compiled);
    private static readonly Regex StringToken = new("\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.Compiled);

    public static Gen<InputMutation> Gen { get; } =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, 6], CsCheck.Gen.Double[0, 1], CsCheck.Gen.Int[0, 1000], CsCheck.Gen.Int[1, 64],
            (kind, where, payload, length) => new InputMutation(kind, where, payload, length));

    public byte[] ApplyTo(byte[] document)
    {
        var text = Encoding.UTF8.GetString(document);
        switch (Kind)
        {
            case 0: return Replace(text, NumberToken, Numbers[Payload % Numbers.Length]);
            case 1: return Replace(text, StringToken, $"\"{Texts[Payload % Texts.Length]}\"");
            case 2: return Replace(text, StringToken, $"\"{new string('x', 1_000 * (1 + Payload))}\""); // up to ~1 MB
            case 3:
            {
                var at = (int)(Where * document.Length);
                return [.. document[..at], .. Raw[Payload % Raw.Length], .. document[at..]];
            }
            case 4:
            {
                var at = (int)(Where * document.Length);
                return [.. document[..at], .. document[Math.Min(document.Length, at + Length)..]];
            }
            case 5:
            {
                // a copy of a slice put back elsewhere: unbalanced or duplicated structure
                var at = (int)(Where * document.Length);
                var slice = document[at..Math.Min(document.Length, at + Length * 4)];
                var to = Payload % (document.Length + 1);
                return [.. document[..to], .. slice, .. document[to..]];
            }
            default:
            {
                // a long array where a value was: many providers, many strategies
                var items = string.Join(',', Enumerable.Range(0, 10 * Payload).Select(i => $"\"p{i}\""));
                return Replace(text, StringToken, $"[{items}]");
            }
        }
    }

    private byte[] Replace(string text, Regex token, string replacement)
    {
        var matches = token.Matches(text);
        if (matches.Count == 0) return Encoding.UTF8.GetBytes(text);
        var m = matches[Math.Min(matches.Count - 1, (int)(Where * matches.Count))];
        return Encoding.UTF8.GetBytes(text[..m.Index] + replacement + text[(m.Index + m.Length)..]);
    }

    public override string ToString() => $"kind {Kind} at {Where:0.###} payload {Payload} length {Length}";
}
