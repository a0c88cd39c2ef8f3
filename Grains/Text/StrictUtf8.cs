using System.Text;

namespace Auction.Grains.Text;

/// <summary>Strict UTF-8 for input files: invalid bytes are an error with their offset, not silently replaced by U+FFFD.</summary>
public static class StrictUtf8
{
    public static UTF8Encoding Encoding { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes strict UTF-8 (a leading byte order mark is skipped), or null with the offset of the first invalid byte.</summary>
    public static string? Decode(byte[] bytes, string what, out string? error)
    {
        var start = bytes.AsSpan().StartsWith(Encoding.Preamble) ? Encoding.Preamble.Length : 0;
        try
        {
            error = null;
            return Encoding.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            error = $"{what} is not UTF-8: invalid byte 0x{(e.BytesUnknown is { Length: > 0 } b ? b[0] : 0):X2} at byte offset {start + e.Index}.";
            return null;
        }
    }
}
