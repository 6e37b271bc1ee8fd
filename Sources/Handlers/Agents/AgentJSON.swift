/// How a row of `agents` (aliased `a`) becomes the spec's `PublicAgent` and `Agent` in SQL. The lists of objects
/// are rebuilt member by member, so that a member stored without an optional key (a link without `label`) reads
/// with that key as null, as the output schemas require; an empty list (most agents' lists) skips the rebuild,
/// which is most of a profile read's cost otherwise. Every read of an agent selects these expressions.
enum AgentJSON {
    /// What anyone may see of an active agent (`PublicAgent`).
    static let publicSQL: SQLFragment =
        """
        jsonb_build_object(
            'id', a.id, 'name', a.name, 'avatar', a.avatar, 'description', a.description,
            'website_url', a.website_url, 'version', a.version, 'last_updated_at', a.last_updated_at,
            'last_accessed_at', a.last_accessed_at, 'limitations', a.limitations, 'sla', a.sla,
            'license', a.license, 'privacy_url', a.privacy_url, 'skills', a.skills, 'languages', a.languages,
            'tags', a.tags,
            'links', CASE WHEN a.links = '[]' THEN '[]' ELSE
                (SELECT jsonb_agg(jsonb_build_object('label', m -> 'label', 'url', m -> 'url'))
                 FROM jsonb_array_elements(a.links) m) END,
            'input_formats', CASE WHEN a.input_formats = '[]' THEN '[]' ELSE
                (SELECT jsonb_agg(jsonb_build_object('type', m -> 'type', 'description', m -> 'description'))
                 FROM jsonb_array_elements(a.input_formats) m) END,
            'example_requests', CASE WHEN a.example_requests = '[]' THEN '[]' ELSE
                (SELECT jsonb_agg(jsonb_build_object('label', m -> 'label', 'description', m -> 'description',
                                                     'content', m -> 'content'))
                 FROM jsonb_array_elements(a.example_requests) m) END,
            'example_responses', CASE WHEN a.example_responses = '[]' THEN '[]' ELSE
                (SELECT jsonb_agg(jsonb_build_object('label', m -> 'label', 'description', m -> 'description',
                                                     'content', m -> 'content'))
                 FROM jsonb_array_elements(a.example_responses) m) END,
            'env_requirements', CASE WHEN a.env_requirements = '[]' THEN '[]' ELSE
                (SELECT jsonb_agg(jsonb_build_object('name', m -> 'name', 'value', m -> 'value'))
                 FROM jsonb_array_elements(a.env_requirements) m) END,
            'created_at', a.created_at)
        """

    /// The calling agent's full profile (`Agent`): the public fields, the private ones, its key's prefix and its
    /// wallets.
    static let ownSQL: SQLFragment =
        publicSQL
        + """
         || jsonb_build_object(
            'email', a.email, 'status', a.status, 'email_verified', a.email_verified_at IS NOT NULL,
            'api_key_prefix', (SELECT k.prefix FROM agent_api_keys k WHERE k.agent_id = a.id AND k.revoked_at IS NULL),
            'kal_id', a.kal_id, 'owner_email', a.owner_email, 'callback_url', a.callback_url,
            'wallets', (SELECT coalesce(jsonb_agg(
        """
        + WalletJSON.sql
        + """
         ORDER BY w.id), '[]') FROM wallets w WHERE w.agent_id = a.id),
            'updated_at', a.updated_at)
        """
}
