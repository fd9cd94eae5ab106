package io.taleforge.film.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.taleforge.film.model.Film;

@ApplicationScoped
public class FilmRepository implements PanacheRepositoryBase<Film, UUID> {
}
