namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Root-endpoint bodies, embedded so the server never reads fixture files at run time.</summary>
internal static class RootNodeInfo
{
    /// <summary>es-fixtures/spec/_global.info/RootNodeInfoResponseExample1.json (Elasticsearch 9.1.0, default flavour).</summary>
    public const string Elasticsearch910 = """
        {
          "name": "instance-0000000000",
          "cluster_name": "my_test_cluster",
          "cluster_uuid": "zk-HjQtYQGyL3NFSSu7InA",
          "version": {
            "number": "9.1.0",
            "build_flavor": "default",
            "build_type": "docker",
            "build_hash": "00000000",
            "build_date": "2025-07-09T22:10:13.578182715Z",
            "build_snapshot": false,
            "lucene_version": "10.2.2",
            "minimum_wire_compatibility_version": "8.19.0",
            "minimum_index_compatibility_version": "8.0.0"
          },
          "tagline": "You Know, for Search"
        }
        """;
}
