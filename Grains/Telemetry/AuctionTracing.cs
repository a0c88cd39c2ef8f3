using System.Diagnostics;
using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Telemetry;

/// <summary>
/// The <c>Auction</c> activity source, its span names and its attributes, declared in one place (docs/observability.md
/// lists them). Only <see cref="System.Diagnostics"/> lives here: the silo host chooses the exporters, and with no
/// listener every span below costs one check.
/// </summary>
public static class AuctionTracing
{
    /// <summary>The activity source's name, for exporters and listeners (the same name as the meter's).</summary>
    public const string SourceName = "Auction";

    /// <summary>Where every span of the auction starts.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The names of the spans, one per step a researcher looks for in a trace.</summary>
    public static class Spans
    {
        /// <summary>The client's side of one request of an experiment: the root of the request's trace.</summary>
        public const string ClientRequest = "auction.client.request";
        /// <summary>The consumer's whole purchase.</summary>
        public const string Purchase = "auction.purchase";
        /// <summary>BUY to every invited provider (auction) or the offers asked of them (baselines), and their answers.</summary>
        public const string Buy = "auction.buy";
        /// <summary>Bids and score vectors between the providers, until their consensus vectors reach the consumer.</summary>
        public const string Consensus = "auction.consensus";
        /// <summary>The winner chosen from the consensus vectors or the offers.</summary>
        public const string Decision = "auction.decision";
        /// <summary>START_FLOW and the flow through the winner's link.</summary>
        public const string Flow = "auction.flow";
        /// <summary>TRANSACTION_END with the consumer's rating, to every informed provider.</summary>
        public const string Rating = "auction.rating";
        /// <summary>The record made durable in the transaction log.</summary>
        public const string TransactionWrite = "auction.transaction.write";
        /// <summary>A provider taking BUY.</summary>
        public const string ProviderBuy = "auction.provider.buy";
        /// <summary>A provider's part of an auction: its bids, its score vector, its consensus sent to the consumer.</summary>
        public const string ProviderScoreExchange = "auction.provider.score_exchange";
        /// <summary>A provider answering a baseline's request for its offer.</summary>
        public const string ProviderOffer = "auction.provider.offer";
        /// <summary>A provider told of a flow (START_FLOW).</summary>
        public const string ProviderFlow = "auction.provider.flow";
        /// <summary>A provider told of the end of a transaction and its rating (TRANSACTION_END).</summary>
        public const string ProviderTransactionEnd = "auction.provider.transaction_end";
    }

    /// <summary>The attributes a researcher filters traces on.</summary>
    public static class Attributes
    {
        /// <summary>The experiment's id (absent outside an experiment).</summary>
        public const string Experiment = "auction.experiment";
        /// <summary>The request's number in its experiment, from 1.</summary>
        public const string Request = "auction.request";
        /// <summary>The request's transaction id.</summary>
        public const string Transaction = "auction.transaction";
        /// <summary>The strategy: auction, naive, random, cheapest.</summary>
        public const string Strategy = "auction.strategy";
        /// <summary>The consumer's id.</summary>
        public const string Consumer = "auction.consumer";
        /// <summary>The winning provider (absent without one).</summary>
        public const string Winner = "auction.winner";
        /// <summary>The providers left out and why, as <c>provider:reason</c> joined by commas (absent when none was).</summary>
        public const string Missing = "auction.missing";
        /// <summary>The outcome, as the metrics' <c>outcome</c> tag says it (<see cref="AuctionMetrics.Outcomes"/>).</summary>
        public const string Outcome = "auction.outcome";
        /// <summary>The provider whose handling the span is.</summary>
        public const string Provider = "auction.provider";
    }

    /// <summary>The request's number in its experiment, from 1: the experiment clock's, else its sequence plus one.</summary>
    public static int? RequestNumber(PurchaseRequest request) => request.Time?.Request ?? (request.Sequence + 1);

    /// <summary>Starts a span of the request with the attributes it is known by from the start; null when nobody listens.</summary>
    public static Activity? StartRequest(string name, PurchaseRequest request, ActivityKind kind = ActivityKind.Internal)
    {
        var activity = Source.StartActivity(name, kind);
        if (activity is null) return null;
        if (request.ExperimentId is { } experiment) activity.SetTag(Attributes.Experiment, experiment.ToString());
        if (RequestNumber(request) is { } number) activity.SetTag(Attributes.Request, number);
        activity.SetTag(Attributes.Transaction, request.TransactionId.ToString());
        activity.SetTag(Attributes.Strategy, request.Strategy);
        return activity;
    }

    /// <summary>Starts a span of a provider's handling; null when nobody listens.</summary>
    public static Activity? StartProvider(string name, string providerId, Guid? transactionId = null)
    {
        var activity = Source.StartActivity(name);
        if (activity is null) return null;
        activity.SetTag(Attributes.Provider, providerId);
        if (transactionId is { } id) activity.SetTag(Attributes.Transaction, id.ToString());
        return activity;
    }

    /// <summary>Puts what the finished request came to on its span: winner, missing providers, outcome.</summary>
    public static void Finish(Activity? activity, TransactionRecord record)
    {
        if (activity is null) return;
        if (record.Winner is not null) activity.SetTag(Attributes.Winner, record.Winner);
        if (record.MissingReasons.Count > 0)
            activity.SetTag(Attributes.Missing, string.Join(',', record.MissingReasons.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}:{kv.Value}")));
        string outcome = AuctionMetrics.OutcomeOf(record);
        activity.SetTag(Attributes.Outcome, outcome);
        if (outcome == AuctionMetrics.Outcomes.Failed || outcome == AuctionMetrics.Outcomes.FlowFailed)
            activity.SetStatus(ActivityStatusCode.Error, record.FailureReason);
    }

    /// <summary>The current trace's id (32 hex digits) for the transaction record; null outside any trace.</summary>
    public static string? CurrentTraceId() => Activity.Current is { } current ? current.TraceId.ToHexString() : null;
}
