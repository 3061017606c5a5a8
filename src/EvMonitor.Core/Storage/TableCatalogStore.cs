using Azure.Data.Tables;
using EvMonitor.Domain;

namespace EvMonitor.Storage;

/// <summary>
/// The make/model catalog in one small table: makes in partition <c>make</c>, models in partition
/// <c>model</c>, each keyed by id. A lookup is a point read; a listing reads one partition.
/// </summary>
public sealed class TableCatalogStore(StorageClients storage) : ICatalogStore
{
    private const string MakePartition = "make";
    private const string ModelPartition = "model";

    private readonly TableClient _table = storage.Table(storage.Names.Catalog);

    public async Task<Make?> FindMakeAsync(string makeId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.CanBeKey(makeId))
            return null;
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(MakePartition, makeId, cancellationToken: cancellationToken);
        return found.HasValue ? ToMake(found.Value!) : null;
    }

    public async Task<Model?> FindModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.CanBeKey(modelId))
            return null;
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(ModelPartition, modelId, cancellationToken: cancellationToken);
        return found.HasValue ? ToModel(found.Value!) : null;
    }

    public async Task<IReadOnlyList<Make>> ListMakesAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<Make>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == MakePartition, cancellationToken: cancellationToken))
            list.Add(ToMake(e));
        return list;
    }

    public async Task<IReadOnlyList<Model>> ListModelsAsync(string? makeId = null, CancellationToken cancellationToken = default)
    {
        var filter = makeId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ModelPartition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {ModelPartition} and MakeId eq {makeId}");
        var list = new List<Model>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            list.Add(ToModel(e));
        return list;
    }

    public async Task UpsertAsync(IReadOnlyList<Make> makes, IReadOnlyList<Model> models, CancellationToken cancellationToken = default)
    {
        var makeActions = makes.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(MakePartition, m.Id) { ["Name"] = m.Name }));
        var modelActions = models.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(ModelPartition, m.Id) { ["Name"] = m.Name, ["MakeId"] = m.MakeId }));
        foreach (var batch in makeActions.Chunk(TableBatches.MaxActions).Concat(modelActions.Chunk(TableBatches.MaxActions)))
            await _table.SubmitTransactionAsync(batch, cancellationToken);
    }

    private static Make ToMake(TableEntity e) => new(e.RowKey, e.GetString("Name"));

    private static Model ToModel(TableEntity e) => new(e.RowKey, e.GetString("MakeId"), e.GetString("Name"));
}
