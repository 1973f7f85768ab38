package org.symsweep.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.symsweep.access.Access;
import org.symsweep.access.AccessStore;
import org.symsweep.access.Audit;
import org.symsweep.access.Id;
import org.symsweep.access.Role;
import org.symsweep.datasets.DatasetStore;
import org.symsweep.datasets.Datasets;
import org.symsweep.sweep.Benchmark;

/**
 * A project's datasets: listed by its team's members, uploaded and deleted by its editors and admins. A project
 * outside the caller's teams answers 404 exactly like a missing one, whatever is asked of it.
 */
@Path("/api/projects/{project}/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
    private final AccessStore accessStore;
    private final Access access;
    private final Audit audit;
    private final DatasetStore store;
    private final Datasets datasets;

    public DatasetResource(AccessStore accessStore, Access access, Audit audit, DatasetStore store, Datasets datasets) {
        this.accessStore = accessStore;
        this.access = access;
        this.audit = audit;
        this.store = store;
        this.datasets = datasets;
    }

    @GET
    public List<DatasetStore.Dataset> list(@PathParam("project") Id project) {
        return store.ofProject(project(project, Role.VIEWER).id());
    }

    /**
     * Uploads a dataset named {@code name}: the body is a .npz, or a .zip or .tar of a folder of .npy files, sent
     * as it is (for example {@code curl --data-binary @data.npz -H 'Content-Type: application/octet-stream'}).
     * It is checked whole before it is stored; a refused upload leaves nothing behind.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("project") Id project, @QueryParam("name") String name, InputStream body) {
        AccessStore.Project target = project(project, Role.EDITOR);
        if (name == null || name.isBlank()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "name", "is required: the dataset's name (" + Benchmark.DATASET_NAME_RULE
                    + "), as the query parameter ?name=");
        }
        if (!Benchmark.DATASET_NAME.matcher(name).matches()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "name", "'" + org.symsweep.ml.data.DatasetArchive.printable(name) + "' is not allowed; a name has "
                    + Benchmark.DATASET_NAME_RULE);
        }
        DatasetStore.Dataset stored;
        try {
            stored = datasets.upload(target.id(), name, body, access.account().accountId());
        } catch (Datasets.Refused e) {
            throw new ApiException(Response.Status.fromStatusCode(e.status()), e.field(), e.getMessage());
        }
        audit.record("upload", "dataset", stored.id(), target.teamId(), stored.name());
        return Response.status(Response.Status.CREATED).entity(stored).build();
    }

    @GET
    @Path("/{dataset}")
    public DatasetStore.Dataset get(@PathParam("project") Id project, @PathParam("dataset") Id dataset) {
        return datasetOf(project(project, Role.VIEWER), dataset);
    }

    /** Deletes a dataset no planned, queued or running trial uses (409 otherwise); its finished sweeps keep their results. */
    @DELETE
    @Path("/{dataset}")
    public Response delete(@PathParam("project") Id project, @PathParam("dataset") Id dataset) {
        AccessStore.Project target = project(project, Role.EDITOR);
        DatasetStore.Dataset found = datasetOf(target, dataset);
        DatasetStore.Deletion deletion = datasets.delete(found.id());
        if (!deletion.deleted()) {
            if (deletion.activeTrials() == 0) {
                throw notFound(dataset);
            }
            throw new ApiException(Response.Status.CONFLICT, "dataset", "dataset '" + found.name() + "' is used by " + deletion.activeTrials()
                    + " planned, queued or running " + (deletion.activeTrials() == 1 ? "trial" : "trials") + "; cancel their sweeps first");
        }
        audit.record("delete", "dataset", found.id(), target.teamId(), found.name());
        return Response.noContent().build();
    }

    /** The project, if the caller is in its team with at least {@code needed}; 404 for every project they cannot see. */
    private AccessStore.Project project(Id id, Role needed) {
        long caller = access.account().accountId();
        AccessStore.Project project = accessStore.project(id.value())
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "project", "no project with id " + id));
        Role role = accessStore.role(project.teamId(), caller)
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "project", "no project with id " + id));
        if (!role.atLeast(needed)) {
            throw new ApiException(Response.Status.FORBIDDEN, "project", "your role in this project's team is " + role.id()
                    + "; uploading and deleting datasets needs " + needed.id());
        }
        return project;
    }

    private DatasetStore.Dataset datasetOf(AccessStore.Project project, Id id) {
        return store.find(id.value()).filter(d -> d.projectId() == project.id()).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(Id id) {
        return new ApiException(Response.Status.NOT_FOUND, "dataset", "the project has no dataset with id " + id);
    }
}
