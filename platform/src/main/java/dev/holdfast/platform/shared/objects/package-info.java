/** The platform's object storage (attachments, files): one {@link dev.holdfast.objectstore.ObjectStore} from a location setting. */
@NamedInterface("objects")
@NullMarked
package dev.holdfast.platform.shared.objects;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
