using Auction.Grains.Worlds;

namespace Auction.Tests.Support;

/// <summary>A throw-away folder for world and trace files; removed with everything in it.</summary>
internal sealed class WorldFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("auction-world-").FullName;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> (folders created) and returns its full path.</summary>
    public string Write(string name, string text) => Write(name, System.Text.Encoding.UTF8.GetBytes(text));

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Reads <paramref name="json"/> as a world file of this folder.</summary>
    public WorldReading Parse(string json) => WorldReader.Parse(json, "world.json", Directory);
}
