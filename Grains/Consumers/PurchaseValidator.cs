using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;
using Auction.Grains.Scoring;

namespace Auction.Grains.Consumers;

/// <summary>Rejects a purchase request before anything is sent, with an ArgumentException naming the field.</summary>
public static class PurchaseValidator
{
    public static void Validate(PurchaseRequest request, IReadOnlyCollection<string> knownProviders)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Strategies.All.Contains(request.Strategy))
            throw new ArgumentException(
                $"strategy must be one of {string.Join(", ", Strategies.All)}, got '{request.Strategy}'.", "strategy");
        FittingnessCalculator.Validate(request.Qos);
        if (request.Providers is null || request.Providers.Count == 0)
            throw new ArgumentException("providers must list at least one provider, got none.", "providers");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in request.Providers)
        {
            if (!seen.Add(id)) throw new ArgumentException($"providers lists '{id}' twice.", "providers");
            if (!knownProviders.Contains(id))
                throw new ArgumentException($"providers names an unknown provider '{id}'.", "providers");
        }
        if (request.Parameters is { } parameters) ProviderConfigValidator.ValidateParameters(parameters);
    }
}
